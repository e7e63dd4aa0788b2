package ai.migma.gateway.brand;

import static ai.migma.gateway.SqlValues.instant;

import ai.migma.gateway.projects.ProjectService;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import ai.migma.gateway.web.PathIds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A project's knowledge base (the SDK's {@code knowledgeBase}): titled texts about the brand that Migma's AI reads.
 * Here they are only stored and served back. Every statement is bounded by a project of the caller's account.
 */
@Service
public class KnowledgeBase {

    static final int MAX_TITLE = 200;
    static final int MAX_CONTENT = 20_000;
    /** Entries per project: the SDK lists them all at once, so the list stays a few megabytes at most. */
    static final int MAX_ENTRIES = 200;

    /** The SDK's {@code KnowledgeBaseEntry}; {@code date} is when it last changed. */
    public record Entry(String id, String title, String content, Instant date) {
    }

    /** The SDK's {@code KnowledgeBaseListResponse}. */
    public record EntryList(List<Entry> entries, long total) {
    }

    private final JdbcClient jdbc;
    private final ProjectService projects;
    private final Clock clock;

    KnowledgeBase(JdbcClient jdbc, ProjectService projects, Clock clock) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.clock = clock;
    }

    /** The project's entries in the order they were added. */
    @Transactional(readOnly = true)
    public EntryList list(UUID accountId, String projectId) {
        UUID project = projects.requireOwned(accountId, projectId);
        List<Entry> entries = jdbc.sql("select id, title, content, updated_at from knowledge_base_entries "
                        + "where project_id = ? order by created_at, id")
                .param(project).query(KnowledgeBase::entry).list();
        return new EntryList(entries, entries.size());
    }

    @Transactional
    public Entry add(UUID accountId, String projectId, String title, String content) {
        UUID project = projects.requireOwned(accountId, projectId);
        String checkedTitle = Fields.requireText("title", title, MAX_TITLE);
        String checkedContent = Fields.requireText("content", content, MAX_CONTENT);
        // Entries are counted under the project's lock, so two adds at once cannot both take the last place.
        jdbc.sql("select id from projects where id = ? for update").param(project).query(UUID.class).single();
        long count = jdbc.sql("select count(*) from knowledge_base_entries where project_id = ?").param(project)
                .query(Long.class).single();
        if (count >= MAX_ENTRIES) {
            throw ApiException.invalid("A project's knowledge base holds at most " + MAX_ENTRIES
                    + " entries; remove one first");
        }
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("insert into knowledge_base_entries (id, project_id, title, content, created_at, updated_at) "
                        + "values (?, ?, ?, ?, ?, ?) returning id, title, content, updated_at")
                .params(UUID.randomUUID(), project, checkedTitle, checkedContent, now, now)
                .query(KnowledgeBase::entry).single();
    }

    /** Changes the fields given; at least one must be. */
    @Transactional
    public Entry update(UUID accountId, String projectId, String entryId, String title, String content) {
        UUID project = projects.requireOwned(accountId, projectId);
        UUID id = PathIds.uuid(entryId, "Knowledge base entry");
        if (title == null && content == null) {
            throw ApiException.invalid("Give title or content to change");
        }
        String checkedTitle = title == null ? null : Fields.requireText("title", title, MAX_TITLE);
        String checkedContent = content == null ? null : Fields.requireText("content", content, MAX_CONTENT);
        return jdbc.sql("update knowledge_base_entries set title = coalesce(?, title), "
                        + "content = coalesce(?, content), updated_at = ? where id = ? and project_id = ? "
                        + "returning id, title, content, updated_at")
                .params(checkedTitle, checkedContent, Timestamp.from(clock.instant()), id, project)
                .query(KnowledgeBase::entry).optional()
                .orElseThrow(() -> ApiException.notFound("Knowledge base entry"));
    }

    @Transactional
    public void remove(UUID accountId, String projectId, String entryId) {
        UUID project = projects.requireOwned(accountId, projectId);
        UUID id = PathIds.uuid(entryId, "Knowledge base entry");
        if (jdbc.sql("delete from knowledge_base_entries where id = ? and project_id = ?").params(id, project)
                .update() == 0) {
            throw ApiException.notFound("Knowledge base entry");
        }
    }

    private static Entry entry(ResultSet row, int n) throws SQLException {
        return new Entry(row.getString("id"), row.getString("title"), row.getString("content"),
                instant(row, "updated_at"));
    }
}
