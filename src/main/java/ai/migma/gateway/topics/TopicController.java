package ai.migma.gateway.topics;

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

/** The SDK's {@code topics} resource; every call names its project, as the SDK sends it. */
@RestController
@RequestMapping("/v1/topics")
final class TopicController {

    private final TopicService topics;

    TopicController(TopicService topics) {
        this.topics = topics;
    }

    @GetMapping
    ApiResponse<List<TopicService.TopicView>> list(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestParam(required = false) String projectId,
            @RequestParam(defaultValue = "false") boolean includeInactive) {
        List<TopicService.TopicView> found = topics.list(key.accountId(), projectId, includeInactive);
        return ApiResponse.ok(found, found.size());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<TopicService.TopicView> create(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestBody TopicService.TopicRequest request) {
        return ApiResponse.ok(topics.create(key.accountId(), request));
    }

    @GetMapping("/{id}")
    ApiResponse<TopicService.TopicView> get(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id,
            @RequestParam(required = false) String projectId) {
        return ApiResponse.ok(topics.get(key.accountId(), projectId, id));
    }

    @PatchMapping("/{id}")
    ApiResponse<TopicService.TopicView> update(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id,
            @RequestBody TopicService.TopicRequest request) {
        return ApiResponse.ok(topics.update(key.accountId(), id, request));
    }

    @DeleteMapping("/{id}")
    ApiResponse<Map<String, Object>> delete(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id,
            @RequestParam(required = false) String projectId) {
        topics.delete(key.accountId(), projectId, id);
        return ApiResponse.ok(Map.of("id", id, "deleted", true));
    }

    @PostMapping("/{id}/subscribe")
    ApiResponse<TopicService.Subscription> subscribe(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String id, @RequestBody TopicService.SubscriptionRequest request) {
        return ApiResponse.ok(topics.choose(key.accountId(), id, request, true));
    }

    @PostMapping("/{id}/unsubscribe")
    ApiResponse<TopicService.Subscription> unsubscribe(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String id, @RequestBody TopicService.SubscriptionRequest request) {
        return ApiResponse.ok(topics.choose(key.accountId(), id, request, false));
    }
}
