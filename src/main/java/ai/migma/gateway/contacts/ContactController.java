package ai.migma.gateway.contacts;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Migma's contact routes as the SDK's {@code contacts} resource calls them: the project is named in the body of
 * writes and in the query of reads and deletes ({@code PATCH} takes either).
 */
@RestController
final class ContactController {

    private final ContactService contacts;
    private final ContactImports imports;

    ContactController(ContactService contacts, ContactImports imports) {
        this.contacts = contacts;
        this.imports = imports;
    }

    record ContactRequest(String projectId, String email, String firstName, String lastName, String phone,
            String country, String language, List<String> tags, Map<String, Object> customFields, String status) {

        ContactService.ContactInput input() {
            return new ContactService.ContactInput(email, firstName, lastName, phone, country, language, tags,
                    customFields, status);
        }
    }

    record BulkRequest(String projectId, List<ContactService.ContactInput> subscribers) {
    }

    record StatusRequest(String projectId, String email, String status, Boolean allLists, List<String> tags) {
    }

    @PostMapping({"/v1/contacts", "/v1/subscribers"})
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<ContactView> create(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestBody ContactRequest request) {
        return ApiResponse.ok(contacts.create(key.accountId(), request.projectId(), request.input()));
    }

    @GetMapping("/v1/contacts")
    ApiResponse<List<ContactView>> list(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestParam(required = false) String projectId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String tags,
            @RequestParam(required = false) String status, @RequestParam(required = false) String search) {
        ContactService.ContactPage result = contacts.list(key.accountId(), projectId, PageParams.of(page, limit),
                tags, status, search);
        return ApiResponse.ok(result.contacts(), result.count());
    }

    @GetMapping("/v1/contacts/{id}")
    ApiResponse<ContactView> get(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id,
            @RequestParam(required = false) String projectId) {
        return ApiResponse.ok(contacts.get(key.accountId(), projectId, id));
    }

    @PatchMapping("/v1/contacts/{id}")
    ApiResponse<ContactView> update(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id,
            @RequestParam(name = "projectId", required = false) String projectIdParam,
            @RequestBody ContactRequest request) {
        String projectId = request.projectId() != null ? request.projectId() : projectIdParam;
        return ApiResponse.ok(contacts.update(key.accountId(), projectId, id, request.input()));
    }

    @DeleteMapping("/v1/contacts/{id}")
    ApiResponse<Map<String, Object>> delete(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String id,
            @RequestParam(required = false) String projectId) {
        contacts.delete(key.accountId(), projectId, id);
        return ApiResponse.ok(Map.of("id", id, "deleted", true));
    }

    /** The SDK's {@code BulkImportSyncResponse}, or above the synchronous limit {@code BulkImportAsyncResponse}. */
    @PostMapping("/v1/contacts/bulk")
    ApiResponse<Object> bulkImport(@AuthenticationPrincipal ApiKeyPrincipal key, @RequestBody BulkRequest request) {
        return ApiResponse.ok(contacts.bulkImport(key.accountId(), request.projectId(), request.subscribers()));
    }

    /** The SDK's {@code BulkImportJobStatus}: an import job of the key's account. */
    @GetMapping("/v1/contacts/bulk/{jobId}")
    ApiResponse<ContactImports.JobStatus> bulkImportStatus(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String jobId) {
        return ApiResponse.ok(imports.status(key.accountId(), jobId));
    }

    @PostMapping("/v1/contacts/status")
    ApiResponse<Map<String, Boolean>> changeStatus(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestBody StatusRequest request) {
        contacts.changeStatus(key.accountId(), request.projectId(), request.email(), request.status());
        return ApiResponse.ok(Map.of("success", true));
    }
}
