package ai.migma.gateway.segments;

import ai.migma.gateway.contacts.Audience;
import ai.migma.gateway.contacts.AudienceFilter;
import ai.migma.gateway.projects.ProjectService;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import ai.migma.gateway.web.PageParams;
import ai.migma.gateway.web.PathIds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Saved segments of a project; a segment's {@code count} is computed from the contacts that match it now. */
@Service
public class SegmentService {

    private static final int MAX_NAME = 200;
    private static final int MAX_DESCRIPTION = 500;
    private static final String COLUMNS = "id, name, description, filters, created_at, updated_at";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    public record SegmentView(String id, String name, String description, Map<String, Object> filters, long count,
            Instant createdAt, Instant updatedAt) {
    }

    public record SegmentPage(List<SegmentView> segments, long count) {
    }

    private final JdbcClient jdbc;
    private final ProjectService projects;
    private final Audience contacts;
    private final JsonMapper json;
    private final Clock clock;

    SegmentService(JdbcClient jdbc, ProjectService projects, Audience contacts, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.contacts = contacts;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public SegmentView create(UUID accountId, String projectId, String name, String description,
            Map<String, Object> filters) {
        UUID project = projects.requireOwned(accountId, projectId);
        String checkedName = Fields.requireText("name", name, MAX_NAME);
        Map<String, Object> checkedFilters = SegmentFilters.check(filters);
        String checkedDescription = Fields.textOrEmpty("description", description, MAX_DESCRIPTION);
        Instant now = clock.instant();
        return jdbc.sql("insert into segments (id, project_id, name, description, filters, created_at, updated_at) "
                        + "values (?, ?, ?, ?, ?::jsonb, ?, ?) returning " + COLUMNS)
                .params(UUID.randomUUID(), project, checkedName, checkedDescription,
                        json.writeValueAsString(checkedFilters), Timestamp.from(now), Timestamp.from(now))
                .query((row, n) -> view(project, row)).single();
    }

    @Transactional(readOnly = true)
    public SegmentPage list(UUID accountId, String projectId, PageParams page) {
        UUID project = projects.requireOwned(accountId, projectId);
        long count = jdbc.sql("select count(*) from segments where project_id = ?").param(project)
                .query(Long.class).single();
        List<SegmentView> segments = jdbc.sql("select " + COLUMNS + " from segments where project_id = ? "
                        + "order by created_at, id limit ? offset ?")
                .params(project, page.limit(), page.offset()).query((row, n) -> view(project, row)).list();
        return new SegmentPage(segments, count);
    }

    @Transactional(readOnly = true)
    public SegmentView get(UUID accountId, String projectId, String id) {
        UUID project = projects.requireOwned(accountId, projectId);
        return find(project, id);
    }

    @Transactional
    public SegmentView update(UUID accountId, String projectId, String id, String name, String description,
            Map<String, Object> filters) {
        UUID project = projects.requireOwned(accountId, projectId);
        UUID segment = UUID.fromString(find(project, id).id());
        return jdbc.sql("update segments set name = coalesce(?, name), description = coalesce(?, description), "
                        + "filters = coalesce(?::jsonb, filters), updated_at = ? where id = ? returning " + COLUMNS)
                .params(name == null ? null : Fields.requireText("name", name, MAX_NAME),
                        Fields.optionalText("description", description, MAX_DESCRIPTION),
                        filters == null ? null : json.writeValueAsString(SegmentFilters.check(filters)),
                        Timestamp.from(clock.instant()), segment)
                .query((row, n) -> view(project, row)).single();
    }

    @Transactional
    public void delete(UUID accountId, String projectId, String id) {
        UUID project = projects.requireOwned(accountId, projectId);
        int deleted = jdbc.sql("delete from segments where id = ? and project_id = ?")
                .params(PathIds.uuid(id, "Segment"), project).update();
        if (deleted == 0) {
            throw ApiException.notFound("Segment");
        }
    }

    /** The contacts a segment of the project means, for sends addressed to it. */
    @Transactional(readOnly = true)
    public AudienceFilter audience(UUID project, String id) {
        return SegmentFilters.toAudience(find(project, id).filters());
    }

    private SegmentView find(UUID project, String id) {
        return jdbc.sql("select " + COLUMNS + " from segments where id = ? and project_id = ?")
                .params(PathIds.uuid(id, "Segment"), project).query((row, n) -> view(project, row)).optional()
                .orElseThrow(() -> ApiException.notFound("Segment"));
    }

    private SegmentView view(UUID project, ResultSet row) throws SQLException {
        Map<String, Object> filters = json.readValue(row.getString("filters"), OBJECT);
        return new SegmentView(row.getString("id"), row.getString("name"), row.getString("description"), filters,
                contacts.count(project, SegmentFilters.toAudience(filters)), row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }
}
