package ai.migma.gateway.apikey;

import ai.migma.gateway.web.ApiResponse;
import ai.migma.gateway.web.PathIds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin/v1/accounts/{accountId}/api-keys")
final class ApiKeyAdminController {

    private final ApiKeyService keys;

    ApiKeyAdminController(ApiKeyService keys) {
        this.keys = keys;
    }

    record CreateRequest(String name, String environment, List<String> permissions, Integer rateLimitPerMinute,
            Instant expiresAt) {
    }

    record UpdateRequest(String name, List<String> permissions, Integer rateLimitPerMinute) {
    }

    record Revoked(String id, boolean revoked) {
    }

    record RollRequest(Long expiresInSeconds) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<Map<String, CreatedApiKey>> create(@PathVariable String accountId, @RequestBody CreateRequest request) {
        return ApiResponse.ok(Map.of("apiKey", keys.create(account(accountId), request.name(), request.environment(),
                request.permissions(), request.rateLimitPerMinute(), request.expiresAt())));
    }

    @GetMapping
    ApiResponse<Map<String, Object>> list(@PathVariable String accountId) {
        List<ApiKeyView> list = keys.list(account(accountId));
        return ApiResponse.ok(Map.of("apiKeys", list, "total", list.size()));
    }

    @GetMapping("/{keyId}")
    ApiResponse<Map<String, ApiKeyView>> get(@PathVariable String accountId, @PathVariable String keyId) {
        return ApiResponse.ok(Map.of("apiKey", keys.get(account(accountId), keyId)));
    }

    @PatchMapping("/{keyId}")
    ApiResponse<Map<String, ApiKeyView>> update(@PathVariable String accountId, @PathVariable String keyId,
            @RequestBody UpdateRequest request) {
        return ApiResponse.ok(Map.of("apiKey", keys.update(account(accountId), keyId, request.name(),
                request.permissions(), request.rateLimitPerMinute())));
    }

    @PostMapping("/{keyId}/roll")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<Map<String, CreatedApiKey>> roll(@PathVariable String accountId, @PathVariable String keyId,
            @RequestBody(required = false) RollRequest request) {
        long grace = request == null || request.expiresInSeconds() == null ? 0 : request.expiresInSeconds();
        return ApiResponse.ok(Map.of("apiKey", keys.roll(account(accountId), keyId, grace)));
    }

    @DeleteMapping("/{keyId}")
    ApiResponse<Revoked> revoke(@PathVariable String accountId, @PathVariable String keyId) {
        return ApiResponse.ok(new Revoked(keys.revoke(account(accountId), keyId).id(), true));
    }

    private static UUID account(String id) {
        return PathIds.uuid(id, "Account");
    }
}
