package ai.migma.gateway.templates;

import ai.migma.gateway.projects.ProjectCreated;
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
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Email templates of a project: read through the API, created through the admin API. Every new project starts with
 * one, so a fresh account can send a test email without an admin step.
 */
@Service
public class TemplateService {

    static final int MAX_HTML = 512 * 1024;
    private static final String COLUMNS = "id, project_id, name, subject, html, created_at, updated_at";
    private static final String WELCOME_HTML = "<!doctype html><html><body><h1>Welcome, {{firstName}}!</h1>"
            + "<p>Thanks for joining us.</p></body></html>";

    public record TemplateView(String id, String projectId, String name, String subject, String html,
            Instant createdAt, Instant updatedAt) {
    }

    public record TemplatePage(List<TemplateView> templates, long count) {
    }

    private final JdbcClient jdbc;
    private final ProjectService projects;
    private final Clock clock;

    TemplateService(JdbcClient jdbc, ProjectService projects, Clock clock) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.clock = clock;
    }

    @EventListener
    void seed(ProjectCreated created) {
        insert(created.projectId(), "Welcome email", "Welcome to {{projectName}}", WELCOME_HTML);
    }

    @Transactional
    public TemplateView create(UUID accountId, String projectId, String name, String subject, String html) {
        UUID project = projects.requireOwned(accountId, projectId);
        String checkedName = Fields.requireText("name", name, 200);
        String checkedSubject = subject == null ? "" : subject.strip();
        if (checkedSubject.length() > 500) {
            throw ApiException.invalid("subject must be at most 500 characters");
        }
        if (html == null || html.isBlank()) {
            throw ApiException.invalid("html must not be blank");
        }
        if (html.length() > MAX_HTML) {
            throw ApiException.invalid("html must be at most " + MAX_HTML + " characters");
        }
        return insert(project, checkedName, checkedSubject, html);
    }

    @Transactional(readOnly = true)
    public TemplatePage list(UUID accountId, String projectId, PageParams page) {
        UUID project = projects.requireOwned(accountId, projectId);
        long count = jdbc.sql("select count(*) from templates where project_id = ?").param(project)
                .query(Long.class).single();
        List<TemplateView> templates = jdbc.sql("select " + COLUMNS + " from templates where project_id = ? "
                        + "order by created_at, id limit ? offset ?")
                .params(project, page.limit(), page.offset()).query(TemplateService::view).list();
        return new TemplatePage(templates, count);
    }

    /** One template of the caller's account; the project is optional, and when given it must match. */
    @Transactional(readOnly = true)
    public TemplateView get(UUID accountId, String projectId, String id) {
        TemplateView template = jdbc.sql("select t.id, t.project_id, t.name, t.subject, t.html, t.created_at, "
                        + "t.updated_at from templates t join projects p on p.id = t.project_id "
                        + "where t.id = ? and p.account_id = ?")
                .params(PathIds.uuid(id, "Template"), accountId).query(TemplateService::view).optional()
                .orElseThrow(() -> ApiException.notFound("Template"));
        if (projectId != null && !projectId.isBlank()
                && !projects.requireOwned(accountId, projectId).toString().equals(template.projectId())) {
            throw ApiException.notFound("Template");
        }
        return template;
    }

    /** Whether the project has this template, for sends that name one. */
    @Transactional(readOnly = true)
    public boolean exists(UUID project, UUID templateId) {
        return jdbc.sql("select exists (select 1 from templates where id = ? and project_id = ?)")
                .params(templateId, project).query(Boolean.class).single();
    }

    private TemplateView insert(UUID project, String name, String subject, String html) {
        Instant now = clock.instant();
        return jdbc.sql("insert into templates (id, project_id, name, subject, html, created_at, updated_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?) returning " + COLUMNS)
                .params(UUID.randomUUID(), project, name, subject, html, Timestamp.from(now), Timestamp.from(now))
                .query(TemplateService::view).single();
    }

    private static TemplateView view(ResultSet row, int n) throws SQLException {
        return new TemplateView(row.getString("id"), row.getString("project_id"), row.getString("name"),
                row.getString("subject"), row.getString("html"), row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }
}
