package ai.migma.gateway.tags;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.web.ApiResponse;
import ai.migma.gateway.web.PageParams;
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

/** Migma's tag routes as the SDK's {@code tags} resource calls them. */
@RestController
@RequestMapping("/v1/tags")
final class TagController {

    private final TagService tags;

    TagController(TagService tags) {
        this.tags = tags;
    }

    record TagRequest(String projectId, String name, String color, String description) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<TagService.TagView> create(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestBody TagRequest request) {
        return ApiResponse.ok(tags.create(key.accountId(), request.projectId(), request.name(), request.color(),
                request.description()));
    }

    @GetMapping
    ApiResponse<List<TagService.TagView>> list(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestParam(required = false) String projectId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String search,
            @RequestParam(required = false) String sortBy, @RequestParam(required = false) String sortOrder) {
        TagService.TagPage result = tags.list(key.accountId(), projectId, PageParams.of(page, limit), search, sortBy,
                sortOrder);
        return ApiResponse.ok(result.tags(), result.count());
    }

    @GetMapping("/{id}")
    ApiResponse<TagService.TagView> get(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id,
            @RequestParam(required = false) String projectId) {
        return ApiResponse.ok(tags.get(key.accountId(), projectId, id));
    }

    @PatchMapping("/{id}")
    ApiResponse<TagService.TagView> update(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id,
            @RequestParam(name = "projectId", required = false) String projectIdParam,
            @RequestBody TagRequest request) {
        String projectId = request.projectId() != null ? request.projectId() : projectIdParam;
        return ApiResponse.ok(tags.update(key.accountId(), projectId, id, request.name(), request.color(),
                request.description()));
    }

    @DeleteMapping("/{id}")
    ApiResponse<Map<String, Object>> delete(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id,
            @RequestParam(required = false) String projectId) {
        tags.delete(key.accountId(), projectId, id);
        return ApiResponse.ok(Map.of("id", id, "deleted", true));
    }
}
