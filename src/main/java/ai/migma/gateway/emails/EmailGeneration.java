package ai.migma.gateway.emails;

import ai.migma.gateway.jobs.Jobs;
import ai.migma.gateway.jobs.TimedWork;
import ai.migma.gateway.projects.ProjectService;
import ai.migma.gateway.projects.ProjectView;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import ai.migma.gateway.web.PathIds;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/projects/emails/generate}: a conversation stored on the project, whose status advances
 * {@code pending → processing → completed} in timed steps ({@link Jobs}) with a result {@link EmailComposer} writes
 * from the prompt and the project. Generation fails, as Migma's does, when the project cannot be written for: here
 * when its import has not made it active.
 */
@Service
class EmailGeneration implements TimedWork {

    static final String KIND = "email-generation";
    private static final int MAX_PROMPT_LENGTH = 10_000;
    private static final int MAX_IMAGES = 10;
    private static final List<String> VISIBILITIES = List.of("private", "unlisted", "public");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    /** The SDK's {@code EmailImage}. */
    record Image(Source source) {
        record Source(String type, String url) {
        }
    }

    /** The SDK's {@code GenerateEmailParams}. */
    record Request(String projectId, String prompt, List<Image> images, String model, Boolean webMode,
            List<String> languages, String visibility, String referenceId) {
    }

    /** The SDK's {@code GenerateEmailResponse}. */
    record Started(String conversationId, String status, String message, String link) {
    }

    /** The SDK's {@code EmailGenerationResult}; the screenshots are {@code null}, as the type allows. */
    record Result(String subject, String previewText, String html, String screenshotUrl, String screenshotFullUrl,
            EmailComposer.Stats stats, List<String> languages) {
    }

    /** The SDK's {@code EmailGenerationStatus}: {@code error} once failed, {@code result} once completed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Status(String conversationId, String status, Instant createdAt, Instant updatedAt, String error,
            Result result) {
    }

    private final JdbcClient jdbc;
    private final ProjectService projects;
    private final Jobs jobs;
    private final JsonMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    EmailGeneration(JdbcClient jdbc, ProjectService projects, Jobs jobs, JsonMapper json, Clock clock,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.jobs = jobs;
        this.json = json;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Transactional
    public Started start(UUID accountId, Request request, String statusUrlBase) {
        UUID project = projects.requireOwned(accountId, request.projectId());
        String prompt = Fields.requireText("prompt", request.prompt(), MAX_PROMPT_LENGTH);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("imageUrls", imageUrls(request.images()));
        options.put("languages", languages(request.languages()));
        if (request.visibility() != null) {
            if (!VISIBILITIES.contains(request.visibility())) {
                throw ApiException.invalid("visibility must be one of " + String.join(", ", VISIBILITIES));
            }
            options.put("visibility", request.visibility());
        }
        putText(options, "model", request.model());
        putText(options, "referenceId", request.referenceId());
        if (request.webMode() != null) {
            options.put("webMode", request.webMode());
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("insert into conversations (id, project_id, prompt, options, status, created_at, updated_at) "
                        + "values (?, ?, ?, ?::jsonb, 'pending', ?, ?)")
                .params(id, project, prompt, json.writeValueAsString(options), Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        jobs.start(KIND, id);
        return new Started(id.toString(), "pending", "Email generation started",
                statusUrlBase + "/v1/projects/emails/" + id + "/status");
    }

    @Transactional(readOnly = true)
    public Status status(UUID accountId, String conversationId) {
        return load(accountId, PathIds.uuid(conversationId, "Conversation"))
                .orElseThrow(() -> ApiException.notFound("Conversation"));
    }

    /** Step 0 starts processing; step 1 writes the email, or fails when the project is not active. */
    @Override
    public boolean advance(UUID subject, int step) {
        Optional<Row> found = row(subject);
        if (found.isEmpty() || !found.get().status().equals(step == 0 ? "pending" : "processing")) {
            return false;
        }
        Row row = found.get();
        Instant now = clock.instant();
        if (step == 0) {
            jdbc.sql("update conversations set status = 'processing', updated_at = ? where id = ?")
                    .params(Timestamp.from(now), subject).update();
            announce(row, "started", Map.of());
            return true;
        }
        ProjectView project = projects.get(row.accountId(), row.projectId());
        if (!project.status().equals("active")) {
            fail(row, "Project " + project.name() + " is not ready for generation (status: " + project.status()
                    + ")", now);
            return false;
        }
        @SuppressWarnings("unchecked")
        List<String> imageUrls = (List<String>) row.options().getOrDefault("imageUrls", List.of());
        @SuppressWarnings("unchecked")
        List<String> languages = (List<String>) row.options().getOrDefault("languages", List.of("en"));
        String logo = project.logoUrls() == null ? null : project.logoUrls().get("primary");
        EmailComposer.Email email = EmailComposer.compose(new EmailComposer.Brief(project.name(), project.domain(),
                logo, row.prompt(), imageUrls, languages));
        jdbc.sql("update conversations set status = 'completed', subject = ?, preview_text = ?, html = ?, "
                        + "stats = ?::jsonb, languages = ?, updated_at = ? where id = ?")
                .params(email.subject(), email.previewText(), email.html(), json.writeValueAsString(email.stats()),
                        languages.toArray(String[]::new), Timestamp.from(now), subject)
                .update();
        announce(row, "completed", Map.of("subject", email.subject()));
        return false;
    }

    @Override
    public void abandon(UUID subject, String error) {
        row(subject).ifPresent(row -> fail(row, "Generation failed: " + error, clock.instant()));
    }

    private void fail(Row row, String error, Instant now) {
        jdbc.sql("update conversations set status = 'failed', error = ?, updated_at = ? where id = ?")
                .params(error, Timestamp.from(now), row.id()).update();
        announce(row, "failed", Map.of("error", error));
    }

    private void announce(Row row, String stage, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversationId", row.id().toString());
        data.put("projectId", row.projectId().toString());
        data.putAll(extra);
        events.publishEvent(new EmailGenerationProgressed(UUID.randomUUID(), row.accountId(), stage, data));
    }

    private record Row(UUID id, UUID projectId, UUID accountId, String prompt, Map<String, Object> options,
            String status) {
    }

    private Optional<Row> row(UUID id) {
        return jdbc.sql("select c.id, c.project_id, p.account_id, c.prompt, c.options, c.status from conversations c "
                        + "join projects p on p.id = c.project_id where c.id = ?")
                .params(id)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class),
                        rs.getObject("account_id", UUID.class), rs.getString("prompt"),
                        json.readValue(rs.getString("options"), OBJECT), rs.getString("status")))
                .optional();
    }

    private Optional<Status> load(UUID accountId, UUID id) {
        return jdbc.sql("select c.* from conversations c join projects p on p.id = c.project_id "
                        + "where c.id = ? and p.account_id = ?")
                .params(id, accountId)
                .query((rs, n) -> {
                    String status = rs.getString("status");
                    Result result = null;
                    if (status.equals("completed")) {
                        result = new Result(rs.getString("subject"), rs.getString("preview_text"),
                                rs.getString("html"), null, null,
                                json.readValue(rs.getString("stats"), EmailComposer.Stats.class),
                                List.of((String[]) rs.getArray("languages").getArray()));
                    }
                    return new Status(rs.getString("id"), status, rs.getTimestamp("created_at").toInstant(),
                            rs.getTimestamp("updated_at").toInstant(), rs.getString("error"), result);
                })
                .optional();
    }

    private static List<String> imageUrls(List<Image> images) {
        if (images == null) {
            return List.of();
        }
        if (images.size() > MAX_IMAGES) {
            throw ApiException.invalid("images may hold at most " + MAX_IMAGES + " images");
        }
        List<String> urls = new ArrayList<>();
        for (Image image : images) {
            if (image == null || image.source() == null || !"url".equals(image.source().type())
                    || image.source().url() == null || !image.source().url().matches("https?://\\S{1,2040}")) {
                throw ApiException.invalid("each image must be {\"source\": {\"type\": \"url\", \"url\": "
                        + "\"https://...\"}}");
            }
            urls.add(image.source().url());
        }
        return urls;
    }

    private static List<String> languages(List<String> languages) {
        if (languages == null || languages.isEmpty()) {
            return List.of("en");
        }
        if (languages.size() > 10 || !languages.stream().allMatch(l -> l != null && LANGUAGE.matcher(l).matches())) {
            throw ApiException.invalid("languages must be up to 10 language codes such as en or pt-BR");
        }
        return List.copyOf(languages);
    }

    private static void putText(Map<String, Object> options, String field, String value) {
        String checked = Fields.optionalText(field, value, 200);
        if (checked != null) {
            options.put(field, checked);
        }
    }
}
