package ai.migma.gateway.projects;

import ai.migma.gateway.account.AccountService;
import ai.migma.gateway.jobs.Jobs;
import ai.migma.gateway.jobs.TimedWork;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.PathIds;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code POST /v1/projects/import}: Migma reads a brand's website; this stand-in reads only the URLs. The project
 * is created at once in the key's account, named after the first URL's host, and its import advances
 * {@code pending → processing → active} in timed steps ({@link Jobs}), or ends in {@code error} when the first URL
 * names no web host, from which it can be retried. Nothing is fetched.
 */
@Service
class ProjectImport implements TimedWork {

    static final String KIND = "project-import";
    private static final int MAX_URLS = 20;
    private static final int MAX_URL_LENGTH = 2048;
    private static final Set<String> LOGO_KINDS = Set.of("primary", "secondary", "favicon");

    /** What the first URL says of the project: its name, domain and description. */
    record Source(String name, String domain, String description) {
    }

    /** The SDK's {@code ImportProjectParams}. */
    record Request(List<String> urls, Map<String, String> logoUrls) {
    }

    /** The SDK's {@code ImportProjectResponse}. */
    record Started(String projectId, String status, String domain, List<String> urls, String message) {
    }

    /** The SDK's {@code RetryImportResponse}. */
    record Retried(String projectId, String status, String message) {
    }

    record Progress(String stage, int percentage) {
    }

    /** The SDK's {@code ImportStatusResponse}; {@code error} only once the import failed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Status(String projectId, String status, String name, String description, String domain, String error,
            Progress progress, Map<String, Object> importMetrics) {
    }

    private final ProjectRepository projects;
    private final AccountService accounts;
    private final Jobs jobs;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ProjectImport(ProjectRepository projects, AccountService accounts, Jobs jobs, Clock clock,
            ApplicationEventPublisher events) {
        this.projects = projects;
        this.accounts = accounts;
        this.jobs = jobs;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Transactional
    public Started start(UUID accountId, Request request) {
        accounts.requireExists(accountId);
        List<String> urls = checkedUrls(request.urls());
        Map<String, String> logos = checkedLogos(request.logoUrls());
        Source source = source(urls.get(0)).orElseGet(() -> new Source("Untitled project", "", ""));
        Project project = projects.saveAndFlush(Project.importing(accountId, source, urls, logos, clock.instant()));
        events.publishEvent(new ProjectCreated(accountId, project.id()));
        jobs.start(KIND, project.id());
        announce(project, "started");
        return new Started(project.id().toString(), "pending", source.domain(), urls,
                "Import started; poll GET /v1/projects/import/" + project.id() + "/status");
    }

    @Transactional(readOnly = true)
    public Status status(UUID accountId, String projectId) {
        return owned(accountId, projectId).importStatus();
    }

    @Transactional
    public Retried retry(UUID accountId, String projectId) {
        Project project = owned(accountId, projectId);
        if (!project.status().equals("error")) {
            throw ApiException.conflict("Only a failed import can be retried; this one is " + project.status());
        }
        project.moveTo("pending", clock.instant());
        project.progress("queued", 0);
        jobs.start(KIND, project.id());
        announce(project, "started");
        return new Retried(project.id().toString(), "pending", "Import restarted");
    }

    /**
     * Step 0 starts processing; step 1 reads the first URL (the step that fails on one that names no web host);
     * step 2 makes the project active.
     */
    @Override
    @Transactional
    public boolean advance(UUID subject, int step) {
        Optional<Project> found = projects.findById(subject);
        if (found.isEmpty() || !found.get().imported()) {
            return false;
        }
        Project project = found.get();
        switch (step) {
            case 0 -> {
                project.moveTo("processing", clock.instant());
                project.progress("analyzing website", 25);
                announce(project, "processing");
                return true;
            }
            case 1 -> {
                String first = project.importUrls().get(0);
                if (source(first).isEmpty()) {
                    String shown = first.length() > 100 ? first.substring(0, 100) + "…" : first;
                    project.fail("Could not read " + shown + ": not an http(s) URL with a host name",
                            clock.instant());
                    announce(project, "failed");
                    return false;
                }
                project.progress("extracting brand", 70);
                project.moveTo("processing", clock.instant());
                return true;
            }
            default -> {
                project.moveTo("active", clock.instant());
                project.progress("completed", 100);
                announce(project, "completed");
                return false;
            }
        }
    }

    @Override
    @Transactional
    public void abandon(UUID subject, String error) {
        projects.findById(subject).ifPresent(project -> {
            project.fail("Import failed: " + error, clock.instant());
            announce(project, "failed");
        });
    }

    private Project owned(UUID accountId, String projectId) {
        return projects.findByIdAndAccountId(PathIds.uuid(projectId, "Project"), accountId)
                .filter(Project::imported)
                .orElseThrow(() -> ApiException.notFound("Import"));
    }

    private void announce(Project project, String stage) {
        Status status = project.importStatus();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("projectId", status.projectId());
        data.put("status", status.status());
        data.put("name", status.name());
        data.put("domain", status.domain());
        data.put("urls", project.importUrls());
        if (status.error() != null) {
            data.put("error", status.error());
        }
        events.publishEvent(new ProjectImportProgressed(UUID.randomUUID(), project.accountId(), stage, data));
    }

    /** The project a URL names: its host without {@code www.} as the domain, the host's first label as the name. */
    static Optional<Source> source(String url) {
        String candidate = url.strip();
        if (!candidate.contains("://")) {
            candidate = "https://" + candidate;
        }
        URI uri;
        try {
            uri = new URI(candidate);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!(scheme.equals("http") || scheme.equals("https")) || host == null
                || !ProjectService.DOMAIN.matcher(host).matches()) {
            return Optional.empty();
        }
        String domain = host.toLowerCase(Locale.ROOT);
        if (domain.startsWith("www.") && domain.indexOf('.', 4) > 0) {
            domain = domain.substring(4);
        }
        String label = domain.substring(0, domain.indexOf('.'));
        List<String> words = new ArrayList<>();
        for (String word : label.split("[-_]+")) {
            if (!word.isEmpty()) {
                words.add(Character.toUpperCase(word.charAt(0)) + word.substring(1));
            }
        }
        String name = words.isEmpty() ? domain : String.join(" ", words);
        return Optional.of(new Source(name, domain, "Brand imported from https://" + domain));
    }

    private static List<String> checkedUrls(List<String> urls) {
        if (urls == null || urls.isEmpty()) {
            throw ApiException.invalid("urls is required: at least one website URL");
        }
        if (urls.size() > MAX_URLS) {
            throw ApiException.invalid("urls may hold at most " + MAX_URLS + " URLs");
        }
        List<String> checked = new ArrayList<>();
        for (String url : urls) {
            if (url == null || url.isBlank()) {
                throw ApiException.invalid("urls must not contain empty values");
            }
            if (url.length() > MAX_URL_LENGTH) {
                throw ApiException.invalid("each URL must be at most " + MAX_URL_LENGTH + " characters");
            }
            checked.add(url.strip());
        }
        return checked;
    }

    private static Map<String, String> checkedLogos(Map<String, String> logoUrls) {
        if (logoUrls == null) {
            return null;
        }
        Map<String, String> checked = new LinkedHashMap<>();
        logoUrls.forEach((kind, url) -> {
            if (!LOGO_KINDS.contains(kind)) {
                throw ApiException.invalid("logoUrls may name primary, secondary and favicon only");
            }
            if (url == null) {
                return;
            }
            if (url.length() > MAX_URL_LENGTH || !(url.startsWith("https://") || url.startsWith("http://"))) {
                throw ApiException.invalid("logoUrls." + kind + " must be an http(s) URL of at most "
                        + MAX_URL_LENGTH + " characters");
            }
            checked.put(kind, url);
        });
        return checked.isEmpty() ? null : checked;
    }
}
