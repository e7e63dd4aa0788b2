package ai.migma.gateway.segments;

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

/** Migma's segment routes as the SDK's {@code segments} resource calls them. */
@RestController
@RequestMapping("/v1/segments")
final class SegmentController {

    private final SegmentService segments;

    SegmentController(SegmentService segments) {
        this.segments = segments;
    }

    record SegmentRequest(String projectId, String name, String description, Map<String, Object> filters) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<SegmentService.SegmentView> create(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestBody SegmentRequest request) {
        return ApiResponse.ok(segments.create(key.accountId(), request.projectId(), request.name(),
                request.description(), request.filters()));
    }

    @GetMapping
    ApiResponse<List<SegmentService.SegmentView>> list(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestParam(required = false) String projectId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer limit) {
        SegmentService.SegmentPage result = segments.list(key.accountId(), projectId, PageParams.of(page, limit));
        return ApiResponse.ok(result.segments(), result.count());
    }

    @GetMapping("/{id}")
    ApiResponse<SegmentService.SegmentView> get(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id,
            @RequestParam(required = false) String projectId) {
        return ApiResponse.ok(segments.get(key.accountId(), projectId, id));
    }

    @PatchMapping("/{id}")
    ApiResponse<SegmentService.SegmentView> update(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String id, @RequestParam(name = "projectId", required = false) String projectIdParam,
            @RequestBody SegmentRequest request) {
        String projectId = request.projectId() != null ? request.projectId() : projectIdParam;
        return ApiResponse.ok(segments.update(key.accountId(), projectId, id, request.name(),
                request.description(), request.filters()));
    }

    @DeleteMapping("/{id}")
    ApiResponse<Map<String, Object>> delete(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id,
            @RequestParam(required = false) String projectId) {
        segments.delete(key.accountId(), projectId, id);
        return ApiResponse.ok(Map.of("id", id, "deleted", true));
    }
}
