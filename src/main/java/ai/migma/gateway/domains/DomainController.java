package ai.migma.gateway.domains;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.web.ApiResponse;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Migma's domain routes as the SDK's {@code domains} resource calls them: custom and managed sending domains. */
@RestController
@RequestMapping("/v1/domains")
final class DomainController {

    private final DomainService domains;

    DomainController(DomainService domains) {
        this.domains = domains;
    }

    /** The SDK's {@code CreateDomainParams}. */
    record CreateRequest(String domain, String region) {
    }

    /** The SDK's {@code CreateManagedDomainParams}. */
    record CreateManagedRequest(String prefix, String region) {
    }

    /** The SDK's {@code UpdateDomainParams}. */
    record UpdateRequest(Boolean openTracking, Boolean clickTracking, Boolean brandedTracking) {
    }

    @GetMapping
    ApiResponse<List<DomainService.DomainView>> list(@AuthenticationPrincipal ApiKeyPrincipal key) {
        return ApiResponse.ok(domains.list(key.accountId(), false));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<DomainService.DomainView> create(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestBody CreateRequest request) {
        return ApiResponse.ok(domains.create(key.accountId(), request.domain(), request.region()));
    }

    @GetMapping("/{domain}")
    ApiResponse<DomainService.DomainView> get(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String domain) {
        return ApiResponse.ok(domains.get(key.accountId(), domain));
    }

    @PostMapping("/{domain}/verify")
    ApiResponse<DomainService.VerificationView> verify(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String domain) {
        return ApiResponse.ok(domains.verify(key.accountId(), domain));
    }

    @PatchMapping("/{domain}")
    ApiResponse<DomainService.DomainView> update(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String domain, @RequestBody UpdateRequest request) {
        return ApiResponse.ok(domains.update(key.accountId(), domain, request.openTracking(),
                request.clickTracking(), request.brandedTracking()));
    }

    @DeleteMapping("/{domain}")
    ApiResponse<DomainService.DeletedView> remove(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String domain) {
        return ApiResponse.ok(domains.remove(key.accountId(), domain, false));
    }

    @GetMapping("/managed/check/{prefix}")
    ApiResponse<DomainService.AvailabilityView> checkAvailability(@PathVariable String prefix) {
        return ApiResponse.ok(domains.availability(prefix));
    }

    @GetMapping("/managed")
    ApiResponse<List<DomainService.DomainView>> listManaged(@AuthenticationPrincipal ApiKeyPrincipal key) {
        return ApiResponse.ok(domains.list(key.accountId(), true));
    }

    @PostMapping("/managed")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<DomainService.DomainView> createManaged(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestBody CreateManagedRequest request) {
        return ApiResponse.ok(domains.createManaged(key.accountId(), request.prefix(), request.region()));
    }

    @DeleteMapping("/managed/{domain}")
    ApiResponse<DomainService.DeletedView> removeManaged(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String domain) {
        return ApiResponse.ok(domains.remove(key.accountId(), domain, true));
    }
}
