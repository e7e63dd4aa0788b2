package ai.migma.gateway.emails;

import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.PathIds;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The conversations other features resolve (sending, exports, test sends): a conversation as its account sees it,
 * so another account's is not found.
 */
@Service
public class GeneratedEmails {

    /** A conversation; {@code subject}, {@code previewText} and {@code html} are set once it is completed. */
    public record GeneratedEmail(UUID id, UUID projectId, String projectName, String status, String subject,
            String previewText, String html, Instant updatedAt) {

        public boolean completed() {
            return status.equals("completed");
        }
    }

    private final JdbcClient jdbc;

    GeneratedEmails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account's conversation {@code conversationId}: a 404 when it is malformed, unknown or another's. */
    @Transactional(readOnly = true)
    public GeneratedEmail require(UUID accountId, String conversationId) {
        return find(accountId, PathIds.uuid(conversationId, "Conversation"))
                .orElseThrow(() -> ApiException.notFound("Conversation"));
    }

    /** The account's completed conversation: 404 as {@link #require}, 409 while it is not completed. */
    @Transactional(readOnly = true)
    public GeneratedEmail requireCompleted(UUID accountId, String conversationId) {
        GeneratedEmail email = require(accountId, conversationId);
        if (!email.completed()) {
            throw ApiException.conflict("The email of conversation " + email.id() + " is not generated yet "
                    + "(status: " + email.status() + ")");
        }
        return email;
    }

    Optional<GeneratedEmail> find(UUID accountId, UUID conversationId) {
        return jdbc.sql("select c.id, c.project_id, p.name, c.status, c.subject, c.preview_text, c.html, "
                        + "c.updated_at from conversations c join projects p on p.id = c.project_id "
                        + "where c.id = ? and p.account_id = ?")
                .params(conversationId, accountId)
                .query((row, n) -> new GeneratedEmail(row.getObject("id", UUID.class),
                        row.getObject("project_id", UUID.class), row.getString("name"), row.getString("status"),
                        row.getString("subject"), row.getString("preview_text"), row.getString("html"),
                        row.getTimestamp("updated_at").toInstant()))
                .optional();
    }
}
