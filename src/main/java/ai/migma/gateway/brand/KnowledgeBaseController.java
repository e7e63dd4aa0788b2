package ai.migma.gateway.brand;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.web.ApiResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The SDK's {@code knowledgeBase} resource: list, add, update and remove a project's entries. */
@RestController
final class KnowledgeBaseController {

    private final KnowledgeBase knowledgeBase;

    KnowledgeBaseController(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    /** The SDK's {@code AddKnowledgeBaseParams} and {@code UpdateKnowledgeBaseParams}. */
    record EntryRequest(String title, String content) {
    }

    @GetMapping("/v1/projects/{projectId}/knowledge-base")
    ApiResponse<KnowledgeBase.EntryList> list(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String projectId) {
        return ApiResponse.ok(knowledgeBase.list(key.accountId(), projectId));
    }

    @PostMapping("/v1/projects/{projectId}/knowledge-base")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<KnowledgeBase.Entry> add(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String projectId, @RequestBody EntryRequest request) {
        return ApiResponse.ok(knowledgeBase.add(key.accountId(), projectId, request.title(), request.content()));
    }

    @PutMapping("/v1/projects/{projectId}/knowledge-base/{entryId}")
    ApiResponse<KnowledgeBase.Entry> update(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String projectId, @PathVariable String entryId, @RequestBody EntryRequest request) {
        return ApiResponse.ok(knowledgeBase.update(key.accountId(), projectId, entryId, request.title(),
                request.content()));
    }

    @DeleteMapping("/v1/projects/{projectId}/knowledge-base/{entryId}")
    ApiResponse<Map<String, String>> remove(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String projectId, @PathVariable String entryId) {
        knowledgeBase.remove(key.accountId(), projectId, entryId);
        return ApiResponse.ok(Map.of("message", "Knowledge base entry removed"));
    }
}
