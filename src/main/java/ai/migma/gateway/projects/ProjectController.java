package ai.migma.gateway.projects;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.web.ApiResponse;
import ai.migma.gateway.web.PathIds;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/projects")
final class ProjectController {

    private final ProjectService projects;

    ProjectController(ProjectService projects) {
        this.projects = projects;
    }

    @GetMapping
    ApiResponse<ProjectService.ProjectPage> list(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestParam(defaultValue = "20") int limit, @RequestParam(defaultValue = "0") int offset) {
        return ApiResponse.ok(projects.list(key.accountId(), limit, offset));
    }

    @GetMapping("/{id}")
    ApiResponse<ProjectView> get(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id) {
        return ApiResponse.ok(projects.get(key.accountId(), PathIds.uuid(id, "Project")));
    }
}
