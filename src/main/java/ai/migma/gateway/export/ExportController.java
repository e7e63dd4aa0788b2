package ai.migma.gateway.export;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.ApiResponse;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The SDK's {@code export} resource, and the files its exports list. */
@RestController
final class ExportController {

    private final ExportService exports;

    ExportController(ExportService exports) {
        this.exports = exports;
    }

    /** The SDK's {@code HubspotExportParams}; {@code customOptions} may hold keys of any type besides. */
    record HubspotRequest(String conversationId, Map<String, Object> customOptions) {
    }

    @GetMapping("/v1/export/formats")
    ApiResponse<ExportFormat.Listing> formats() {
        return ApiResponse.ok(ExportFormat.listing());
    }

    @GetMapping("/v1/export/status/{conversationId}")
    ApiResponse<ExportService.ExportStatus> status(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String conversationId) {
        return ApiResponse.ok(exports.status(key.accountId(), conversationId));
    }

    /** html, mjml, pdf, mailchimp and klaviyo share the route table's one rule; any other name is not found. */
    @GetMapping("/v1/export/{format}/{conversationId}")
    ApiResponse<ExportService.ExportResult> export(@AuthenticationPrincipal ApiKeyPrincipal key,
            @PathVariable String format, @PathVariable String conversationId,
            @RequestParam(required = false) String klaviyoType) {
        if (format.equals(ExportFormat.HUBSPOT.formatName())) {
            throw ApiException.invalid("HubSpot exports are made with POST /v1/export/hubspot");
        }
        ExportFormat exportFormat = ExportFormat.named(format)
                .orElseThrow(() -> ApiException.notFound("Export format"));
        Exporter.Options options = exportFormat == ExportFormat.KLAVIYO ? ExportService.klaviyo(klaviyoType)
                : Exporter.Options.NONE;
        return ApiResponse.ok(exports.export(key.accountId(), exportFormat, conversationId, options, baseUrl()));
    }

    @PostMapping("/v1/export/hubspot")
    ApiResponse<ExportService.ExportResult> hubspot(@AuthenticationPrincipal ApiKeyPrincipal key,
            @RequestBody HubspotRequest request) {
        if (request.conversationId() == null || request.conversationId().isBlank()) {
            throw ApiException.invalid("conversationId is required");
        }
        Exporter.Options options = ExportService.hubspot(request.customOptions());
        return ApiResponse.ok(exports.export(key.accountId(), ExportFormat.HUBSPOT, request.conversationId().strip(),
                options, baseUrl()));
    }

    /** A listed file, downloaded: its own type, and a name a browser saves it under. */
    @GetMapping("/v1/export/files/{fileId}/{filename}")
    ResponseEntity<byte[]> file(@AuthenticationPrincipal ApiKeyPrincipal key, @PathVariable String fileId,
            @PathVariable String filename) {
        ExportedFile file = exports.file(key.accountId(), fileId, filename);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.filename())
                        .build().toString())
                .body(file.content());
    }

    private static String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
    }
}
