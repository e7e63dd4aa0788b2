package ai.migma.gateway.projects;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.web.ApiResponse;
import ai.migma.gateway.web.PathIds;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The SDK's {@code projects} resource: list, get, and the import with its status and retry. */
@RestController
@RequestMapping("/v1/projects")
final class ProjectController {

    private final ProjectService projects;
    private final ProjectImport imports;

    ProjectController(ProjectService projects, ProjectImport imports) {
        this.projects = projects;
        this.imports = imports;
    }

    @GetMapping
    ApiResponse<ProjectService.ProjectPage> list(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestParam(defaultValue = "20") int limit, @RequestParam(defaultValue = "0") int offset,
            @RequestParam(required = false) String status) {
        return ApiResponse.ok(projects.list(key.accountId(), limit, offset, status));
    }

    @GetMapping("/{id}")
    ApiResponse<ProjectView> get(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id) {
        return ApiResponse.ok(projects.get(key.accountId(), PathIds.uuid(id, "Project")));
    }

    @PostMapping("/import")
    ApiResponse<ProjectImport.Started> startImport(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestBody ProjectImport.Request request) {
        return ApiResponse.ok(imports.start(key.accountId(), request));
    }

    @GetMapping("/import/{id}/status")
    ApiResponse<ProjectImport.Status> importStatus(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String id) {
        return ApiResponse.ok(imports.status(key.accountId(), id));
    }

    @PostMapping("/import/{id}/retry")
    ApiResponse<ProjectImport.Retried> retryImport(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String id) {
        return ApiResponse.ok(imports.retry(key.accountId(), id));
    }
}
