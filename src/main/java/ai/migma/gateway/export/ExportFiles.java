package ai.migma.gateway.export;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stored files of exports ({@code export_files}), served back at the URLs an export listed. A file's id is
 * derived from its conversation, format and name, so exporting the same email again replaces its files in place
 * (same URL, same bytes) instead of piling up copies.
 */
@Component
final class ExportFiles {

    private final JdbcClient jdbc;

    ExportFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static UUID id(UUID conversationId, ExportFormat format, String filename) {
        return UUID.nameUUIDFromBytes(("export-file:" + conversationId + "/" + format.formatName() + "/" + filename)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Stores {@code file} and returns its id; call it in the transaction that reports the export. */
    UUID store(UUID conversationId, ExportFormat format, ExportedFile file, Instant now) {
        UUID id = id(conversationId, format, file.filename());
        jdbc.sql("insert into export_files (id, conversation_id, format, filename, content_type, content, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?) on conflict (id) do update set content_type = "
                        + "excluded.content_type, content = excluded.content, created_at = excluded.created_at")
                .params(id, conversationId, format.formatName(), file.filename(), file.contentType(), file.content(),
                        Timestamp.from(now))
                .update();
        return id;
    }

    /** The file {@code id} named {@code filename} if its conversation is one of the account's. */
    Optional<ExportedFile> find(UUID accountId, UUID id, String filename) {
        return jdbc.sql("select f.filename, f.format, f.content_type, f.content from export_files f "
                        + "join conversations c on c.id = f.conversation_id join projects p on p.id = c.project_id "
                        + "where f.id = ? and f.filename = ? and p.account_id = ?")
                .params(id, filename, accountId)
                .query((row, n) -> new ExportedFile(row.getString("filename"), row.getString("format"),
                        row.getString("content_type"), row.getBytes("content")))
                .optional();
    }
}
