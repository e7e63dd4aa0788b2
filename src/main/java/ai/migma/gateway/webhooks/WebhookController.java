package ai.migma.gateway.webhooks;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.web.ApiResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Migma's webhook routes, as the SDK's {@code webhooks} resource calls them. */
@RestController
@RequestMapping("/v1/webhooks")
final class WebhookController {

    private final WebhookService webhooks;

    WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    record CreateRequest(String url, List<String> events, String description, Boolean active,
            Map<String, String> customHeaders) {
    }

    record UpdateRequest(String url, List<String> events, Boolean active, String description,
            Map<String, String> customHeaders) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<WebhookService.CreatedWebhook> create(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestBody CreateRequest request) {
        return ApiResponse.ok(webhooks.create(key.accountId(), request.url(), request.events(),
                request.description(), request.active(), request.customHeaders()));
    }

    @GetMapping
    ApiResponse<WebhookService.WebhookList> list(@AuthenticationPrincipal ApiKeyPrincipal key) {
        return ApiResponse.ok(webhooks.list(key.accountId()));
    }

    @GetMapping("/stats")
    ApiResponse<WebhookService.WebhookStats> stats(@AuthenticationPrincipal ApiKeyPrincipal key) {
        return ApiResponse.ok(webhooks.stats(key.accountId()));
    }

    @GetMapping("/{id}")
    ApiResponse<WebhookService.WebhookView> get(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String id) {
        return ApiResponse.ok(webhooks.get(key.accountId(), id));
    }

    @PatchMapping("/{id}")
    ApiResponse<Map<String, Boolean>> update(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id,
            @RequestBody UpdateRequest request) {
        webhooks.update(key.accountId(), id, request.url(), request.events(), request.active(),
                request.description(), request.customHeaders());
        return ApiResponse.ok(Map.of("updated", true));
    }

    @DeleteMapping("/{id}")
    ApiResponse<Map<String, Object>> delete(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id) {
        webhooks.delete(key.accountId(), id);
        return ApiResponse.ok(Map.of("id", id, "deleted", true));
    }

    @PostMapping("/{id}/test")
    ApiResponse<WebhookService.TestResult> test(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String id) {
        return ApiResponse.ok(webhooks.test(key.accountId(), id));
    }

    @GetMapping("/{id}/deliveries")
    ApiResponse<WebhookService.DeliveryList> deliveries(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String id, @RequestParam(defaultValue = "20") int limit) {
        return ApiResponse.ok(webhooks.deliveries(key.accountId(), id, limit));
    }
}
