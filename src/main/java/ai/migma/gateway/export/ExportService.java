package ai.migma.gateway.export;

import ai.migma.gateway.emails.GeneratedEmails;
import ai.migma.gateway.emails.GeneratedEmails.GeneratedEmail;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.PathIds;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports of generated emails: the files of a format made from a completed conversation, stored, and listed with
 * the URLs the gateway serves them at; each export, made or failed, is reported as an {@link ExportFinished}. The
 * files are made outside any transaction (a PDF takes a while) and stored and reported in one short one, so the
 * webhook tells of files that are there.
 */
@Service
final class ExportService {

    private static final Logger log = LoggerFactory.getLogger(ExportService.class);
    static final List<String> KLAVIYO_TYPES = List.of("html", "hybrid", "code");
    private static final int MAX_INSTRUCTIONS_LENGTH = 10_000;

    /** The SDK's {@code ExportFile}; {@code format} is the file's own (html, mjml, pdf, zip, json). */
    record ExportFile(String filename, String url, String format) {
    }

    /** The SDK's {@code ExportResult}: {@code executionTime} in milliseconds, {@code exportType} the format. */
    record ExportResult(List<ExportFile> files, long executionTime, String exportType) {
    }

    /** The SDK's {@code ExportStatusResponse}: a {@code reason} only when the email cannot be exported. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ExportStatus(String conversationId, boolean canExport, List<String> availableFormats, String reason) {
    }

    private final GeneratedEmails emails;
    private final Exporter exporter;
    private final ExportFiles files;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ExportService(GeneratedEmails emails, Exporter exporter, ExportFiles files, ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.emails = emails;
        this.exporter = exporter;
        this.files = files;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    ExportStatus status(UUID accountId, String conversationId) {
        GeneratedEmail email = emails.require(accountId, conversationId);
        return email.completed() ? new ExportStatus(email.id().toString(), true, ExportFormat.NAMES, null)
                : new ExportStatus(email.id().toString(), false, List.of(), notExportable(email));
    }

    /** Checks what a Klaviyo export is asked for before anything is looked up: {@code html} when absent. */
    static Exporter.Options klaviyo(String klaviyoType) {
        String type = klaviyoType == null || klaviyoType.isBlank() ? "html" : klaviyoType.strip();
        if (!KLAVIYO_TYPES.contains(type)) {
            throw ApiException.invalid("klaviyoType must be one of " + String.join(", ", KLAVIYO_TYPES));
        }
        return new Exporter.Options(type, null);
    }

    /** HubSpot's {@code customOptions}: any keys, of which {@code customInstructions} must be a string. */
    static Exporter.Options hubspot(Map<String, Object> customOptions) {
        Object instructions = customOptions == null ? null : customOptions.get("customInstructions");
        if (instructions != null && !(instructions instanceof String)) {
            throw ApiException.invalid("customOptions.customInstructions must be a string");
        }
        if (instructions != null && ((String) instructions).length() > MAX_INSTRUCTIONS_LENGTH) {
            throw ApiException.invalid("customOptions.customInstructions must be at most " + MAX_INSTRUCTIONS_LENGTH
                    + " characters");
        }
        return new Exporter.Options("html", (String) instructions);
    }

    /**
     * Exports the account's conversation: 404 when it is not the account's, 409 (and an export.failed event) while
     * its email is not generated. {@code baseUrl} is where this gateway is reached, for the files' URLs.
     */
    ExportResult export(UUID accountId, ExportFormat format, String conversationId, Exporter.Options options,
            String baseUrl) {
        long started = System.nanoTime();
        GeneratedEmail email = emails.require(accountId, conversationId);
        if (!email.completed()) {
            String reason = notExportable(email);
            failed(accountId, email.id(), format, reason);
            throw ApiException.conflict(reason);
        }
        List<ExportedFile> made;
        try {
            made = exporter.files(format, email, options);
        } catch (RuntimeException e) {
            log.warn("Export {} of conversation {} failed", format.formatName(), email.id(), e);
            failed(accountId, email.id(), format, "The " + format.formatName() + " export could not be made");
            throw e;
        }
        return transactions.execute(tx -> {
            Instant now = clock.instant();
            List<ExportFile> listed = new ArrayList<>();
            for (ExportedFile file : made) {
                UUID id = files.store(email.id(), format, file, now);
                listed.add(new ExportFile(file.filename(), baseUrl + "/v1/export/files/" + id + "/" + file.filename(),
                        file.format()));
            }
            ExportResult result = new ExportResult(List.copyOf(listed), (System.nanoTime() - started) / 1_000_000,
                    format.formatName());
            Map<String, Object> data = event(email.id(), format);
            data.put("files", listed.stream().map(file -> Map.of("filename", file.filename(), "url", file.url(),
                    "format", file.format())).toList());
            data.put("executionTime", result.executionTime());
            events.publishEvent(new ExportFinished(UUID.randomUUID(), accountId, true, data));
            return result;
        });
    }

    /** A file an export listed, if its conversation is the account's: 404 otherwise, as for any unknown id. */
    ExportedFile file(UUID accountId, String fileId, String filename) {
        return files.find(accountId, PathIds.uuid(fileId, "File"), filename)
                .orElseThrow(() -> ApiException.notFound("File"));
    }

    /** Reports a failed export in a transaction of its own, which commits although the request then fails. */
    private void failed(UUID accountId, UUID conversationId, ExportFormat format, String error) {
        Map<String, Object> data = event(conversationId, format);
        data.put("error", error);
        transactions.executeWithoutResult(tx -> events.publishEvent(
                new ExportFinished(UUID.randomUUID(), accountId, false, data)));
    }

    private static Map<String, Object> event(UUID conversationId, ExportFormat format) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversationId", conversationId.toString());
        data.put("exportType", format.formatName());
        return data;
    }

    private static String notExportable(GeneratedEmail email) {
        return email.status().equals("failed")
                ? "The email of conversation " + email.id() + " could not be generated, so there is nothing to export"
                : "The email of conversation " + email.id() + " is not generated yet (status: " + email.status() + ")";
    }
}
