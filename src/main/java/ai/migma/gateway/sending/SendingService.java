package ai.migma.gateway.sending;

import ai.migma.gateway.contacts.Audience;
import ai.migma.gateway.contacts.AudienceFilter;
import ai.migma.gateway.emails.GeneratedEmails;
import ai.migma.gateway.jobs.Jobs;
import ai.migma.gateway.jobs.TimedWork;
import ai.migma.gateway.projects.ProjectService;
import ai.migma.gateway.segments.SegmentService;
import ai.migma.gateway.tags.TagService;
import ai.migma.gateway.templates.TemplateService;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import ai.migma.gateway.web.PageParams;
import ai.migma.gateway.web.PathIds;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/sending}: checks a send, resolves its content (HTML, one of the project's templates, or a generated
 * email's conversation) and its recipients (one address, the project's subscribed contacts, a segment's or a tag's)
 * and records a batch with one queued message per recipient. The batch then advances through the SDK's
 * {@code BatchStatus} ({@code pending → processing → completed}) in timed steps, its messages counted as sent. No
 * mail leaves the machine: this gateway stands in for Migma's API, not for its mail servers.
 */
@Service
public class SendingService implements TimedWork {

    static final List<String> RECIPIENT_TYPES = List.of("email", "audience", "segment", "tag");
    /** The SDK's {@code ProviderType}. */
    public static final List<String> PROVIDERS = List.of("ses", "resend", "sendgrid", "mailgun", "migma");
    static final String KIND = "send-batch";
    private static final String DEFAULT_PROVIDER = "migma";
    private static final String BATCH_COLUMNS = "b.id, b.recipient_type, b.recipient_id, b.provider, b.status, "
            + "b.total_count, b.from_address, b.from_name, b.subject, b.created_at, b.updated_at, "
            + "(select count(*) from send_messages m where m.batch_id = b.id and m.status = 'queued') as queued, "
            + "(select count(*) from send_messages m where m.batch_id = b.id and m.status = 'sent') as sent, "
            + "(select count(*) from send_messages m where m.batch_id = b.id and m.status = 'failed') as failed";

    public record SendRequest(String recipientType, String recipientEmail, String recipientId, String from,
            String fromName, String subject, String template, String templateId, Map<String, Object> variables,
            String projectId, String conversationId, String providerType) {
    }

    /** The SDK's {@code SendEmailResponse}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SendResult(String id, String provider, String status, int sentCount, String batchId,
            String message) {
    }

    /** The SDK's {@code BatchStatus}; {@code recipientId} is absent for a send to one address. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchView(String batchId, String status, String recipientType, String recipientId, String provider,
            int totalCount, long queuedCount, long sentCount, long failedCount, String from, String fromName,
            String subject, Instant createdAt, Instant updatedAt) {
    }

    public record BatchPage(List<BatchView> batches, long count) {
    }

    /**
     * What a batch is sent as: to {@code recipientType}/{@code recipientId} (none for one address), the HTML of
     * {@code html} or the project's template {@code templateId}, from the generated email {@code conversationId} if
     * any.
     */
    public record Batch(UUID project, String recipientType, String recipientId, String from, String fromName,
            String subject, UUID templateId, String html, Map<String, Object> variables, String provider,
            UUID conversationId) {
    }

    private final JdbcClient jdbc;
    private final ProjectService projects;
    private final Audience contacts;
    private final SegmentService segments;
    private final TagService tags;
    private final TemplateService templates;
    private final GeneratedEmails emails;
    private final Jobs jobs;
    private final JsonMapper json;
    private final Clock clock;

    SendingService(JdbcClient jdbc, ProjectService projects, Audience contacts, SegmentService segments,
            TagService tags, TemplateService templates, GeneratedEmails emails, Jobs jobs, JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.contacts = contacts;
        this.segments = segments;
        this.tags = tags;
        this.templates = templates;
        this.emails = emails;
        this.jobs = jobs;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public SendResult send(UUID accountId, SendRequest request) {
        String type = request.recipientType();
        if (type == null || !RECIPIENT_TYPES.contains(type)) {
            throw ApiException.invalid("recipientType must be one of " + String.join(", ", RECIPIENT_TYPES));
        }
        String recipientEmail = type.equals("email") ? Fields.requireEmail("recipientEmail", request.recipientEmail())
                : null;
        if (!type.equals("email") && !type.equals("audience")
                && (request.recipientId() == null || request.recipientId().isBlank())) {
            throw ApiException.invalid("recipientId is required when recipientType is " + type);
        }
        String from = Fields.requireEmail("from", request.from());
        String fromName = Fields.requireText("fromName", request.fromName(), 200);
        String subject = Fields.requireText("subject", request.subject(), 500);
        String provider = provider(request.providerType());
        GeneratedEmails.GeneratedEmail conversation = conversation(accountId, request);
        UUID project = conversation != null && blank(request.projectId()) ? conversation.projectId()
                : projects.requireOwned(accountId, request.projectId());
        if (conversation != null && !conversation.projectId().equals(project)) {
            throw ApiException.invalid("conversationId names an email of another project than projectId");
        }
        UUID templateId = conversation != null && blank(request.template()) && blank(request.templateId()) ? null
                : templateId(project, request);
        String html = templateId != null ? null : blank(request.template()) ? conversation.html()
                : request.template();
        if (html != null && html.length() > 512 * 1024) {
            throw ApiException.invalid("template must be at most 524288 characters");
        }
        List<Audience.Recipient> recipients = recipients(project, type, recipientEmail, request.recipientId());
        if (recipients.isEmpty()) {
            throw ApiException.invalid("no subscribed contacts match the recipients of this send");
        }
        UUID batch = record(new Batch(project, type, type.equals("email") ? null : request.recipientId(), from,
                fromName, subject, templateId, html, request.variables(), provider,
                conversation == null ? null : conversation.id()), recipients);
        return new SendResult(batch.toString(), provider, "pending", recipients.size(),
                type.equals("email") ? null : batch.toString(),
                "Queued for " + recipients.size() + (recipients.size() == 1 ? " recipient" : " recipients"));
    }

    /**
     * Records a batch of already-resolved recipients, one queued message each, and starts its delivery: what
     * {@link #send} does once it has checked a send, and what a campaign does when its time comes.
     *
     * @return the batch's id
     */
    @Transactional
    public UUID record(Batch batch, List<Audience.Recipient> recipients) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into send_batches (id, project_id, recipient_type, recipient_id, from_address, from_name, "
                        + "subject, template_id, template, variables, provider, status, total_count, created_at, "
                        + "updated_at, conversation_id) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, 'pending', ?, ?, ?, ?)")
                .params(id, batch.project(), batch.recipientType(), batch.recipientId(), batch.from(),
                        batch.fromName(), batch.subject(), batch.templateId(), batch.html(),
                        json.writeValueAsString(batch.variables() == null ? Map.of() : batch.variables()),
                        batch.provider(), recipients.size(), Timestamp.from(now), Timestamp.from(now),
                        batch.conversationId())
                .update();
        // One statement for any number of recipients: arrays in, one row per element out.
        jdbc.sql("insert into send_messages (id, batch_id, contact_id, email, status, created_at) "
                        + "select gen_random_uuid(), ?, c, e, 'queued', ? from unnest(?::uuid[], ?::text[]) as r(c, e)")
                .params(id, Timestamp.from(now),
                        recipients.stream().map(Audience.Recipient::contactId).toArray(UUID[]::new),
                        recipients.stream().map(Audience.Recipient::email).toArray(String[]::new))
                .update();
        jobs.start(KIND, id);
        return id;
    }

    /** The SDK's {@code BatchStatus} of a batch, whoever's it is: for features that recorded it themselves. */
    @Transactional(readOnly = true)
    public Optional<String> status(UUID batch) {
        return jdbc.sql("select status from send_batches where id = ?").param(batch).query(String.class).optional();
    }

    @Transactional(readOnly = true)
    public BatchView batch(UUID accountId, String id) {
        return jdbc.sql("select " + BATCH_COLUMNS + " from send_batches b join projects p on p.id = b.project_id "
                        + "where b.id = ? and p.account_id = ?")
                .params(PathIds.uuid(id, "Batch"), accountId).query(SendingService::view).optional()
                .orElseThrow(() -> ApiException.notFound("Batch"));
    }

    /** The account's sends, newest first; of one project when {@code projectId} is given. */
    @Transactional(readOnly = true)
    public BatchPage history(UUID accountId, String projectId, PageParams page) {
        List<Object> params = new ArrayList<>(List.of(accountId));
        String where = "p.account_id = ?";
        if (projectId != null) {
            where += " and b.project_id = ?";
            params.add(projects.requireOwned(accountId, projectId));
        }
        String from = " from send_batches b join projects p on p.id = b.project_id where " + where;
        long count = jdbc.sql("select count(*)" + from).params(params).query(Long.class).single();
        params.addAll(List.of(page.limit(), page.offset()));
        List<BatchView> batches = jdbc.sql("select " + BATCH_COLUMNS + from
                + " order by b.created_at desc, b.id limit ? offset ?").params(params).query(SendingService::view)
                .list();
        return new BatchPage(batches, count);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Step 0 starts the batch; step 1 counts its messages as sent and completes it. */
    @Override
    public boolean advance(UUID batch, int step) {
        Timestamp now = Timestamp.from(clock.instant());
        if (step == 0) {
            return jdbc.sql("update send_batches set status = 'processing', updated_at = ? "
                    + "where id = ? and status = 'pending'").params(now, batch).update() == 1;
        }
        jdbc.sql("update send_messages set status = 'sent' where batch_id = ? and status = 'queued'").params(batch)
                .update();
        jdbc.sql("update send_batches set status = 'completed', updated_at = ? where id = ? and status = 'processing'")
                .params(now, batch).update();
        return false;
    }

    @Override
    public void abandon(UUID batch, String error) {
        jdbc.sql("update send_messages set status = 'failed' where batch_id = ? and status = 'queued'").params(batch)
                .update();
        jdbc.sql("update send_batches set status = 'failed', updated_at = ? where id = ?")
                .params(Timestamp.from(clock.instant()), batch).update();
    }

    /** The generated email a send names, which must be completed; {@code null} when it names none. */
    private GeneratedEmails.GeneratedEmail conversation(UUID accountId, SendRequest request) {
        return blank(request.conversationId()) ? null
                : emails.requireCompleted(accountId, request.conversationId().strip());
    }

    private static String provider(String providerType) {
        if (providerType == null) {
            return DEFAULT_PROVIDER;
        }
        if (!PROVIDERS.contains(providerType)) {
            throw ApiException.invalid("providerType must be one of " + String.join(", ", PROVIDERS));
        }
        return providerType;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** {@code templateId}, or {@code template} when it names one of the project's templates; else HTML or none. */
    private UUID templateId(UUID project, SendRequest request) {
        String reference = request.templateId();
        if (reference == null && request.template() != null && request.template().strip().length() == 36) {
            try {
                reference = UUID.fromString(request.template().strip()).toString();
            } catch (IllegalArgumentException notAnId) {
                reference = null;
            }
        }
        if (reference != null) {
            UUID id = PathIds.uuid(reference.strip(), "Template");
            if (!templates.exists(project, id)) {
                throw ApiException.notFound("Template");
            }
            return id;
        }
        if (request.template() == null || request.template().isBlank()) {
            throw ApiException.invalid("template or templateId is required");
        }
        return null;
    }

    private List<Audience.Recipient> recipients(UUID project, String type, String email, String recipientId) {
        return switch (type) {
            case "email" -> List.of(new Audience.Recipient(null, email));
            case "audience" -> {
                if (recipientId != null && !recipientId.isBlank() && !recipientId.strip().equals(project.toString())) {
                    throw ApiException.notFound("Audience");
                }
                yield contacts.recipients(project, AudienceFilter.EVERYONE.withStatus("subscribed"));
            }
            case "segment" -> subscribed(project, segments.audience(project, recipientId));
            case "tag" -> subscribed(project,
                    new AudienceFilter(List.of(tags.name(project, recipientId)), null, Map.of()));
            default -> throw new IllegalStateException(type);
        };
    }

    /** Mail goes only to subscribed contacts, whatever else a segment asks for. */
    private List<Audience.Recipient> subscribed(UUID project, AudienceFilter filter) {
        if (filter.status() != null && !filter.status().equals("subscribed")) {
            return List.of();
        }
        return contacts.recipients(project, filter.withStatus("subscribed"));
    }

    private static BatchView view(ResultSet row, int n) throws SQLException {
        return new BatchView(row.getString("id"), row.getString("status"), row.getString("recipient_type"),
                row.getString("recipient_id"), row.getString("provider"), row.getInt("total_count"),
                row.getLong("queued"), row.getLong("sent"), row.getLong("failed"), row.getString("from_address"),
                row.getString("from_name"), row.getString("subject"), row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }
}
