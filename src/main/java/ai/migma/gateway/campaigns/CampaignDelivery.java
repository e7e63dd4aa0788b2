package ai.migma.gateway.campaigns;

import ai.migma.gateway.contacts.Audience;
import ai.migma.gateway.emails.GeneratedEmails;
import ai.migma.gateway.jobs.TimedWork;
import ai.migma.gateway.sending.SendingService;
import ai.migma.gateway.web.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A campaign's sending, as timed work: due at once when sent, at {@code scheduledAt} when scheduled (the job row
 * outlives a restart, and one instance claims it). Its first step resolves the recipients as they are then, records
 * the batch ({@link SendingService#record}) and moves the campaign to {@code sending}; later steps look at the batch
 * and move the campaign to {@code sent} once it is delivered. Each step decides from the campaign's row, locked, not
 * from the step number, so a step run again after a crash (its transaction rolled back) does the same thing once.
 */
@Component
final class CampaignDelivery implements TimedWork {

    static final String KIND = "campaign-send";

    private record Due(UUID project, UUID account, String status, UUID conversation, String subject, String from,
            String fromName, String recipientType, String recipientId, UUID topic, String provider,
            String variables, UUID batch) {
    }

    private record Content(GeneratedEmails.GeneratedEmail email, List<Audience.Recipient> recipients) {
    }

    private final JdbcClient jdbc;
    private final GeneratedEmails emails;
    private final CampaignRecipients recipients;
    private final SendingService sending;
    private final TransactionTemplate ownTransaction;
    private final JsonMapper json;
    private final Clock clock;

    CampaignDelivery(JdbcClient jdbc, GeneratedEmails emails, CampaignRecipients recipients, SendingService sending,
            PlatformTransactionManager transactionManager, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.emails = emails;
        this.recipients = recipients;
        this.sending = sending;
        // A refusal inside a @Transactional call (a tag deleted since) would doom the step's whole transaction;
        // resolved in a transaction of its own, it only fails the campaign.
        this.ownTransaction = new TransactionTemplate(transactionManager);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        ownTransaction.setReadOnly(true);
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean advance(UUID campaign, int step) {
        Optional<Due> found = jdbc.sql("select c.project_id, p.account_id, c.status, c.conversation_id, c.subject, "
                        + "c.from_address, c.from_name, c.recipient_type, c.recipient_id, c.topic_id, c.provider, "
                        + "c.variables, c.batch_id from campaigns c join projects p on p.id = c.project_id "
                        + "where c.id = ? for update of c")
                .param(campaign)
                .query((row, n) -> new Due(row.getObject("project_id", UUID.class),
                        row.getObject("account_id", UUID.class), row.getString("status"),
                        row.getObject("conversation_id", UUID.class), row.getString("subject"),
                        row.getString("from_address"), row.getString("from_name"), row.getString("recipient_type"),
                        row.getString("recipient_id"), row.getObject("topic_id", UUID.class),
                        row.getString("provider"), row.getString("variables"), row.getObject("batch_id", UUID.class)))
                .optional();
        if (found.isEmpty()) {
            return false;
        }
        Due due = found.get();
        if (due.batch() == null) {
            return (due.status().equals("scheduled") || due.status().equals("sending")) && start(campaign, due);
        }
        return due.status().equals("sending") && !finishedDelivering(campaign, due.batch());
    }

    /** Records the batch; {@code false} when the campaign failed instead (nothing left to do). */
    @SuppressWarnings("unchecked")
    private boolean start(UUID campaign, Due due) {
        Content content;
        try {
            content = ownTransaction.execute(status -> new Content(
                    emails.requireCompleted(due.account(), due.conversation().toString()),
                    recipients.resolve(due.project(), due.recipientType(), due.recipientId(), due.topic())));
        } catch (ApiException e) {
            fail(campaign, e.getMessage());
            return false;
        }
        if (content.recipients().isEmpty()) {
            fail(campaign, "No subscribed contacts match the campaign's recipients");
            return false;
        }
        Map<String, Object> variables = due.variables() == null ? null : json.readValue(due.variables(), Map.class);
        UUID batch = sending.record(new SendingService.Batch(due.project(), due.recipientType(), due.recipientId(),
                due.from(), due.fromName(), due.subject(), null, content.email().html(), variables, due.provider(),
                due.conversation()), content.recipients());
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("update campaigns set status = 'sending', batch_id = ?, sent_at = ?, estimated_recipients = ?, "
                        + "updated_at = ? where id = ?")
                .params(batch, now, content.recipients().size(), now, campaign).update();
        return true;
    }

    /** Moves the campaign on once its batch is done; {@code false} while the batch is still being delivered. */
    private boolean finishedDelivering(UUID campaign, UUID batch) {
        String status = sending.status(batch).orElse("failed");
        Timestamp now = Timestamp.from(clock.instant());
        switch (status) {
            case "completed" -> jdbc.sql("update campaigns set status = 'sent', completed_at = ?, updated_at = ? "
                    + "where id = ?").params(now, now, campaign).update();
            case "failed" -> fail(campaign, "Delivery of batch " + batch + " failed");
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public void abandon(UUID campaign, String error) {
        jdbc.sql("update campaigns set status = 'failed', error = ?, updated_at = ? where id = ? "
                        + "and status in ('scheduled', 'sending')")
                .params(truncated("Sending failed: " + error), Timestamp.from(clock.instant()), campaign).update();
    }

    private void fail(UUID campaign, String error) {
        jdbc.sql("update campaigns set status = 'failed', error = ?, updated_at = ? where id = ?")
                .params(truncated(error), Timestamp.from(clock.instant()), campaign).update();
    }

    private static String truncated(String error) {
        return error.length() > 500 ? error.substring(0, 500) : error;
    }
}
