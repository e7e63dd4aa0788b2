package ai.migma.gateway.campaigns;

import ai.migma.gateway.emails.GeneratedEmails;
import ai.migma.gateway.jobs.Jobs;
import ai.migma.gateway.projects.ProjectService;
import ai.migma.gateway.sending.SendingService;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import ai.migma.gateway.web.PageParams;
import ai.migma.gateway.web.PathIds;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SDK's {@code campaigns} resource: a campaign is created as a {@code draft} from a generated email, then sent
 * now ({@code sending}) or at a time ({@code scheduled}), or cancelled before it goes. The sending itself is the
 * {@link CampaignDelivery} job's. Every change of state is a conditional update on the state it was read in, and a
 * scheduled campaign's job is dropped before its row is touched (the order the job runner locks them in), so a
 * request racing the job either wins or gets a 409, never a deadlock or a second send.
 */
@Service
class CampaignService {

    /** The SDK's {@code CampaignStatus}. */
    static final List<String> STATUSES = List.of("draft", "scheduled", "sending", "throttled", "ab_testing", "sent",
            "failed", "cancelled");
    private static final String DEFAULT_PROVIDER = "migma";
    private static final List<String> PENDING = List.of("draft", "scheduled");

    /** The SDK's {@code CreateCampaignParams}. */
    record CreateRequest(String projectId, String name, String conversationId, String subject, String preheaderText,
            String from, String fromName, String replyTo, String recipientType, String recipientId, String topicId,
            String providerType, Map<String, Object> variables) {
    }

    /** The SDK's {@code ScheduleCampaignParams}. */
    record ScheduleRequest(String scheduledAt, String scheduledTimezone) {
    }

    /** The SDK's {@code ListCampaignsResponse}. */
    record CampaignPage(List<CampaignView> campaigns, long total) {
    }

    private final JdbcClient jdbc;
    private final ProjectService projects;
    private final GeneratedEmails emails;
    private final CampaignRecipients recipients;
    private final Jobs jobs;
    private final JsonMapper json;
    private final Clock clock;

    CampaignService(JdbcClient jdbc, ProjectService projects, GeneratedEmails emails, CampaignRecipients recipients,
            Jobs jobs, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.emails = emails;
        this.recipients = recipients;
        this.jobs = jobs;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    CampaignView create(UUID accountId, CreateRequest request) {
        UUID project = projects.requireOwned(accountId, request.projectId());
        String name = Fields.requireText("name", request.name(), 200);
        if (request.conversationId() == null || request.conversationId().isBlank()) {
            throw ApiException.invalid("conversationId is required");
        }
        GeneratedEmails.GeneratedEmail email = emails.requireCompleted(accountId, request.conversationId().strip());
        if (!email.projectId().equals(project)) {
            throw ApiException.invalid("conversationId names an email of another project than projectId");
        }
        String subject = request.subject() == null ? email.subject()
                : Fields.requireText("subject", request.subject(), 500);
        String preheader = request.preheaderText() == null ? email.previewText()
                : Fields.optionalText("preheaderText", request.preheaderText(), 500);
        String from = Fields.requireEmail("from", request.from());
        String fromName = Fields.requireText("fromName", request.fromName(), 200);
        String replyTo = request.replyTo() == null ? null : Fields.requireEmail("replyTo", request.replyTo());
        String type = request.recipientType();
        String recipientId = recipients.checkedRecipientId(project, type, request.recipientId());
        UUID topic = request.topicId() == null ? null : recipients.checkedTopic(project, request.topicId());
        String provider = provider(request.providerType());
        long estimated = recipients.count(project, type, recipientId, topic);
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("insert into campaigns (id, project_id, name, conversation_id, subject, preheader_text, "
                        + "from_address, from_name, reply_to, recipient_type, recipient_id, topic_id, "
                        + "estimated_recipients, provider, variables, status, triggered_by, created_at, updated_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, 'draft', 'api', ?, ?)")
                .params(id, project, name, email.id(), subject,
                        preheader == null || preheader.isEmpty() ? null : preheader, from, fromName, replyTo, type,
                        recipientId, topic, estimated, provider,
                        request.variables() == null ? null : json.writeValueAsString(request.variables()), now, now)
                .update();
        return find(accountId, id);
    }

    /** The project's campaigns, newest first; of one status when asked. */
    @Transactional(readOnly = true)
    CampaignPage list(UUID accountId, String projectId, String status, PageParams page) {
        UUID project = projects.requireOwned(accountId, projectId);
        List<Object> params = new ArrayList<>(List.of(project));
        String where = " from campaigns c where c.project_id = ?";
        if (status != null) {
            if (!STATUSES.contains(status)) {
                throw ApiException.invalid("status must be one of " + String.join(", ", STATUSES));
            }
            where += " and c.status = ?";
            params.add(status);
        }
        long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
        params.addAll(List.of(page.limit(), page.offset()));
        List<CampaignView> campaigns = jdbc.sql("select " + CampaignView.COLUMNS + where
                        + " order by c.created_at desc, c.id limit ? offset ?")
                .params(params).query((row, n) -> CampaignView.of(row, json)).list();
        return new CampaignPage(campaigns, total);
    }

    @Transactional(readOnly = true)
    CampaignView get(UUID accountId, String id) {
        return find(accountId, PathIds.uuid(id, "Campaign"));
    }

    /** Sends a draft or scheduled campaign now: {@code sending} until its batch is delivered. */
    @Transactional
    CampaignView send(UUID accountId, String id) {
        CampaignView campaign = pending(accountId, id, "sent");
        UUID campaignId = UUID.fromString(campaign.id());
        jobs.cancel(CampaignDelivery.KIND, campaignId);
        move(campaign, "status = 'sending'");
        jobs.start(CampaignDelivery.KIND, campaignId);
        return find(accountId, campaignId);
    }

    /** Schedules a draft campaign, or moves a scheduled one to a new time. */
    @Transactional
    CampaignView schedule(UUID accountId, String id, ScheduleRequest request) {
        CampaignView campaign = pending(accountId, id, "scheduled");
        ScheduledTime when = ScheduledTime.parse(request == null ? null : request.scheduledAt(),
                request == null ? null : request.scheduledTimezone(), clock.instant());
        UUID campaignId = UUID.fromString(campaign.id());
        jobs.cancel(CampaignDelivery.KIND, campaignId);
        move(campaign, "status = 'scheduled', scheduled_at = ?, scheduled_timezone = ?", Timestamp.from(when.at()),
                when.timezone());
        jobs.startAt(CampaignDelivery.KIND, campaignId, when.at());
        return find(accountId, campaignId);
    }

    /** Cancels a draft or scheduled campaign: its job is dropped, so it never sends. */
    @Transactional
    CampaignView cancel(UUID accountId, String id) {
        CampaignView campaign = pending(accountId, id, "cancelled");
        UUID campaignId = UUID.fromString(campaign.id());
        jobs.cancel(CampaignDelivery.KIND, campaignId);
        move(campaign, "status = 'cancelled'");
        return find(accountId, campaignId);
    }

    /** The account's campaign, which must still be a draft or scheduled (409 otherwise). */
    private CampaignView pending(UUID accountId, String id, String wanted) {
        CampaignView campaign = find(accountId, PathIds.uuid(id, "Campaign"));
        if (!PENDING.contains(campaign.status())) {
            throw ApiException.conflict("Only a draft or scheduled campaign can be " + wanted + "; this one is "
                    + campaign.status());
        }
        return campaign;
    }

    /** Applies {@code changes} if the campaign is still in the state it was read in; a 409 if it moved on since. */
    private void move(CampaignView campaign, String changes, Object... params) {
        List<Object> all = new ArrayList<>(List.of(params));
        all.addAll(List.of(Timestamp.from(clock.instant()), UUID.fromString(campaign.id()), campaign.status()));
        if (jdbc.sql("update campaigns set " + changes + ", updated_at = ? where id = ? and status = ?").params(all)
                .update() == 0) {
            throw ApiException.conflict("The campaign changed while this request ran; get it and try again");
        }
    }

    private CampaignView find(UUID accountId, UUID id) {
        return jdbc.sql("select " + CampaignView.COLUMNS + " from campaigns c join projects p on p.id = c.project_id "
                        + "where c.id = ? and p.account_id = ?")
                .params(id, accountId).query((row, n) -> CampaignView.of(row, json)).optional()
                .orElseThrow(() -> ApiException.notFound("Campaign"));
    }

    private static String provider(String providerType) {
        if (providerType == null) {
            return DEFAULT_PROVIDER;
        }
        if (!SendingService.PROVIDERS.contains(providerType)) {
            throw ApiException.invalid("providerType must be one of " + String.join(", ", SendingService.PROVIDERS));
        }
        return providerType;
    }
}
