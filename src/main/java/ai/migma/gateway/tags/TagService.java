package ai.migma.gateway.tags;

import ai.migma.gateway.SqlValues;
import ai.migma.gateway.contacts.Audience;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tags of a project. Contacts carry tag names, so a tag's {@code subscriberCount} is the number of contacts
 * carrying its name (without case), renaming a tag renames it on its contacts and deleting it takes it off them.
 */
@Service
public class TagService {

    static final String DEFAULT_COLOR = "#6B7280";
    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
    private static final int MAX_NAME = 100;
    private static final int MAX_DESCRIPTION = 500;
    private static final String COLUMNS = "id, name, color, description, created_at, updated_at";

    public record TagView(String id, String name, String color, String description, long subscriberCount,
            Instant createdAt, Instant updatedAt) {
    }

    public record TagPage(List<TagView> tags, long count) {
    }

    private record Row(UUID id, String name, String color, String description, Instant createdAt,
            Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final ProjectService projects;
    private final Audience contacts;
    private final Clock clock;

    TagService(JdbcClient jdbc, ProjectService projects, Audience contacts, Clock clock) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Transactional
    public TagView create(UUID accountId, String projectId, String name, String color, String description) {
        UUID project = projects.requireOwned(accountId, projectId);
        String checkedName = Fields.requireText("name", name, MAX_NAME);
        String checkedDescription = Fields.textOrEmpty("description", description, MAX_DESCRIPTION);
        Instant now = clock.instant();
        List<Row> created = jdbc.sql("insert into tags (id, project_id, name, color, description, created_at, "
                        + "updated_at) values (?, ?, ?, ?, ?, ?, ?) on conflict (project_id, lower(name)) do nothing "
                        + "returning " + COLUMNS)
                .params(UUID.randomUUID(), project, checkedName, color(color == null ? DEFAULT_COLOR : color),
                        checkedDescription, Timestamp.from(now), Timestamp.from(now))
                .query(TagService::row).list();
        if (created.isEmpty()) {
            throw ApiException.conflict("A tag with this name already exists in this project");
        }
        return views(project, created).get(0);
    }

    @Transactional(readOnly = true)
    public TagPage list(UUID accountId, String projectId, PageParams page, String search, String sortBy,
            String sortOrder) {
        UUID project = projects.requireOwned(accountId, projectId);
        String column = switch (sortBy == null ? "createdAt" : sortBy) {
            case "createdAt" -> "created_at";
            case "name" -> "lower(name)";
            default -> throw ApiException.invalid("sortBy must be createdAt or name");
        };
        String direction = switch (sortOrder == null ? "desc" : sortOrder.toLowerCase(Locale.ROOT)) {
            case "asc" -> "asc";
            case "desc" -> "desc";
            default -> throw ApiException.invalid("sortOrder must be asc or desc");
        };
        List<Object> params = new ArrayList<>(List.of(project));
        String where = "project_id = ?";
        if (search != null && !search.isBlank()) {
            where += " and name ilike ? escape '\\'";
            params.add(SqlValues.containing(search.strip()));
        }
        long count = jdbc.sql("select count(*) from tags where " + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.addAll(List.of(page.limit(), page.offset()));
        List<Row> rows = jdbc.sql("select " + COLUMNS + " from tags where " + where + " order by " + column + " "
                + direction + ", id limit ? offset ?").params(pageParams).query(TagService::row).list();
        return new TagPage(views(project, rows), count);
    }

    @Transactional(readOnly = true)
    public TagView get(UUID accountId, String projectId, String id) {
        UUID project = projects.requireOwned(accountId, projectId);
        return views(project, List.of(require(project, id))).get(0);
    }

    /** Applies the fields that are given; a new name follows the tag onto its contacts. */
    @Transactional
    public TagView update(UUID accountId, String projectId, String id, String name, String color,
            String description) {
        UUID project = projects.requireOwned(accountId, projectId);
        Row before = require(project, id);
        String newName = name == null ? null : Fields.requireText("name", name, MAX_NAME);
        if (newName != null && !newName.equalsIgnoreCase(before.name())) {
            boolean taken = jdbc.sql("select exists (select 1 from tags where project_id = ? and lower(name) = "
                    + "lower(?))").params(project, newName).query(Boolean.class).single();
            if (taken) {
                throw ApiException.conflict("A tag with this name already exists in this project");
            }
        }
        Row after = jdbc.sql("update tags set name = coalesce(?, name), color = coalesce(?, color), "
                        + "description = coalesce(?, description), updated_at = ? where id = ? returning " + COLUMNS)
                .params(newName, color == null ? null : color(color),
                        Fields.optionalText("description", description, MAX_DESCRIPTION),
                        Timestamp.from(clock.instant()),
                        before.id())
                .query(TagService::row).single();
        if (newName != null && !newName.equals(before.name())) {
            contacts.renameTag(project, before.name(), newName);
        }
        return views(project, List.of(after)).get(0);
    }

    @Transactional
    public void delete(UUID accountId, String projectId, String id) {
        UUID project = projects.requireOwned(accountId, projectId);
        Row tag = require(project, id);
        jdbc.sql("delete from tags where id = ?").param(tag.id()).update();
        contacts.removeTag(project, tag.name());
    }

    /** The name of the project's tag with this id, for sends addressed to a tag. */
    @Transactional(readOnly = true)
    public String name(UUID project, String id) {
        return require(project, id).name();
    }

    private Row require(UUID project, String id) {
        return jdbc.sql("select " + COLUMNS + " from tags where id = ? and project_id = ?")
                .params(PathIds.uuid(id, "Tag"), project).query(TagService::row).optional()
                .orElseThrow(() -> ApiException.notFound("Tag"));
    }

    private List<TagView> views(UUID project, List<Row> rows) {
        Map<String, Long> counts = contacts.countByTag(project, rows.stream().map(Row::name).toList());
        return rows.stream().map(row -> new TagView(row.id().toString(), row.name(), row.color(), row.description(),
                counts.getOrDefault(row.name().toLowerCase(Locale.ROOT), 0L), row.createdAt(), row.updatedAt()))
                .toList();
    }

    private static String color(String color) {
        if (!COLOR.matcher(color).matches()) {
            throw ApiException.invalid("color must be a hex color such as #FF5733");
        }
        return color.toUpperCase(Locale.ROOT);
    }

    private static Row row(ResultSet row, int n) throws SQLException {
        return new Row(row.getObject("id", UUID.class), row.getString("name"), row.getString("color"),
                row.getString("description"), row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }
}
