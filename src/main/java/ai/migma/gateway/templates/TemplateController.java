package ai.migma.gateway.templates;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.web.ApiResponse;
import ai.migma.gateway.web.PageParams;
import ai.migma.gateway.web.PathIds;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/templates[/{id}]} for keys, and template creation for operators under the admin API. */
@RestController
final class TemplateController {

    private final TemplateService templates;

    TemplateController(TemplateService templates) {
        this.templates = templates;
    }

    record CreateRequest(String name, String subject, String html) {
    }

    @GetMapping("/v1/templates")
    ApiResponse<List<TemplateService.TemplateView>> list(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestParam(required = false) String projectId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer limit) {
        TemplateService.TemplatePage result = templates.list(key.accountId(), projectId, PageParams.of(page, limit));
        return ApiResponse.ok(result.templates(), result.count());
    }

    @GetMapping("/v1/templates/{id}")
    ApiResponse<TemplateService.TemplateView> get(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String id, @RequestParam(required = false) String projectId) {
        return ApiResponse.ok(templates.get(key.accountId(), projectId, id));
    }

    @PostMapping("/admin/v1/accounts/{accountId}/projects/{projectId}/templates")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<Map<String, TemplateService.TemplateView>> create(@PathVariable String accountId,
            @PathVariable String projectId, @RequestBody CreateRequest request) {
        return ApiResponse.ok(Map.of("template", templates.create(
                PathIds.uuid(accountId, "Account"), projectId, request.name(),
                request.subject(), request.html())));
    }
}
