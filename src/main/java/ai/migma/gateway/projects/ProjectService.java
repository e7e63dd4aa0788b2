package ai.migma.gateway.projects;

import ai.migma.gateway.account.AccountService;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import ai.migma.gateway.web.Pagination;
import ai.migma.gateway.web.PathIds;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Projects belong to an account; every read names the account, so another account's project is simply not found. */
@Service
public class ProjectService {

    /** The SDK's {@code Project.status} union, and {@code archived}. */
    private static final List<String> STATUSES = List.of("pending", "processing", "active", "error", "archived");
    private static final int MAX_NAME_LENGTH = 200;
    private static final int MAX_DESCRIPTION_LENGTH = 2000;
    private static final List<String> LOGO_KINDS = List.of("primary", "secondary", "favicon");
    private static final int MAX_LOGO_URL = 2048;
    static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    private final ProjectRepository projects;
    private final AccountService accounts;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ProjectService(ProjectRepository projects, AccountService accounts, Clock clock,
            ApplicationEventPublisher events) {
        this.projects = projects;
        this.accounts = accounts;
        this.clock = clock;
        this.events = events;
    }

    public record ProjectPage(List<ProjectView> projects, long total, Pagination pagination) {
    }

    /** The account's projects, oldest first; of one status when {@code status} is given. */
    @Transactional(readOnly = true)
    public ProjectPage list(UUID accountId, int limit, int offset, String status) {
        Pagination.check(limit, offset);
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid("status must be one of " + String.join(", ", STATUSES));
        }
        long total = status == null ? projects.countByAccountId(accountId)
                : projects.countByAccountIdAndStatus(accountId, status);
        List<Project> found = status == null ? projects.findPage(accountId, limit, offset)
                : projects.findPage(accountId, status, limit, offset);
        return new ProjectPage(found.stream().map(Project::view).toList(), total, Pagination.of(total, limit, offset));
    }

    @Transactional(readOnly = true)
    public ProjectView get(UUID accountId, UUID projectId) {
        return projects.findByIdAndAccountId(projectId, accountId).map(Project::view)
                .orElseThrow(() -> ApiException.notFound("Project"));
    }

    /**
     * The project a request names, as the caller's account sees it: missing is a 400 naming the field; malformed,
     * unknown or another account's is a 404, so ids of other accounts reveal nothing.
     */
    @Transactional(readOnly = true)
    public UUID requireOwned(UUID accountId, String projectId) {
        if (projectId == null || projectId.isBlank()) {
            throw ApiException.invalid("projectId is required");
        }
        UUID id = PathIds.uuid(projectId.strip(), "Project");
        if (!projects.existsByIdAndAccountId(id, accountId)) {
            throw ApiException.notFound("Project");
        }
        return id;
    }

    /**
     * The SDK's {@code images.updateLogos}: each of {@code primary}, {@code secondary} and {@code favicon} named in
     * {@code changes} is set to its http(s) URL, or removed when its value is null; the others are left as they are.
     *
     * @return the project's logos after the change (empty when it has none)
     */
    @Transactional
    public Map<String, String> updateLogos(UUID accountId, String projectId, Map<String, String> changes) {
        UUID id = requireOwned(accountId, projectId);
        if (changes == null) {
            throw ApiException.invalid("Give primary, secondary or favicon");
        }
        changes.forEach((kind, url) -> {
            if (!LOGO_KINDS.contains(kind)) {
                throw ApiException.invalid("Logos are primary, secondary and favicon only");
            }
            if (url != null && (url.length() > MAX_LOGO_URL
                    || !(url.startsWith("https://") || url.startsWith("http://")))) {
                throw ApiException.invalid(kind + " must be an http(s) URL of at most " + MAX_LOGO_URL
                        + " characters, or null to remove it");
            }
        });
        Project project = projects.findByIdAndAccountId(id, accountId)
                .orElseThrow(() -> ApiException.notFound("Project"));
        project.changeLogos(changes, clock.instant());
        return project.logoUrls();
    }

    @Transactional
    public ProjectView create(UUID accountId, String name, String description, String domain) {
        accounts.requireExists(accountId);
        String checkedName = Fields.requireText("name", name, MAX_NAME_LENGTH);
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw ApiException.invalid("description must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        if (domain != null && !DOMAIN.matcher(domain).matches()) {
            throw ApiException.invalid("domain must be a host name such as example.com");
        }
        // Flushed: listeners write rows that refer to it with plain JDBC.
        ProjectView created = projects.saveAndFlush(
                new Project(accountId, checkedName, description, domain, clock.instant())).view();
        events.publishEvent(new ProjectCreated(accountId, UUID.fromString(created.id())));
        return created;
    }
}
