package ai.migma.gateway.brand;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.projects.ProjectService;
import ai.migma.gateway.web.ApiResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The SDK's {@code images} resource: a project's images, named by their URL, and its logos. */
@RestController
final class ImageController {

    private final ProjectImages images;
    private final ProjectService projects;

    ImageController(ProjectImages images, ProjectService projects) {
        this.images = images;
        this.projects = projects;
    }

    /** The SDK's {@code AddImageParams}. */
    record AddRequest(String url, String description, List<String> tags) {
    }

    /** The SDK's {@code UpdateImageParams}: the image is named by {@code imageUrl}. */
    record UpdateRequest(String imageUrl, String description, List<String> tags) {
    }

    /** The SDK's {@code LogosResponse}: only the logos the project has. */
    record Logos(Map<String, String> logoUrls) {
    }

    @PostMapping("/v1/projects/{projectId}/images")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<ProjectImages.Image> add(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String projectId, @RequestBody AddRequest request) {
        return ApiResponse.ok(images.add(key.accountId(), projectId, request.url(), request.description(),
                request.tags()));
    }

    @PutMapping("/v1/projects/{projectId}/images")
    ApiResponse<ProjectImages.Image> update(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String projectId, @RequestBody UpdateRequest request) {
        return ApiResponse.ok(images.update(key.accountId(), projectId, request.imageUrl(), request.description(),
                request.tags()));
    }

    @DeleteMapping("/v1/projects/{projectId}/images")
    ApiResponse<Map<String, String>> remove(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String projectId, @RequestParam(required = false) String imageUrl) {
        images.remove(key.accountId(), projectId, imageUrl);
        return ApiResponse.ok(Map.of("message", "Image removed"));
    }

    /** The SDK's {@code UpdateLogosParams}: a logo set to null is removed, one not named is left as it is. */
    @PutMapping("/v1/projects/{projectId}/logos")
    ApiResponse<Logos> updateLogos(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String projectId,
            @RequestBody Map<String, String> request) {
        return ApiResponse.ok(new Logos(projects.updateLogos(key.accountId(), projectId, request)));
    }
}
