package ai.migma.gateway.projects;

import ai.migma.gateway.web.ApiResponse;
import ai.migma.gateway.web.PathIds;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin/v1/accounts/{accountId}/projects")
final class ProjectAdminController {

    private final ProjectService projects;

    ProjectAdminController(ProjectService projects) {
        this.projects = projects;
    }

    record CreateRequest(String name, String description, String domain) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<Map<String, ProjectView>> create(@PathVariable String accountId, @RequestBody CreateRequest request) {
        return ApiResponse.ok(Map.of("project", projects.create(PathIds.uuid(accountId, "Account"), request.name(),
                request.description(), request.domain())));
    }
}
