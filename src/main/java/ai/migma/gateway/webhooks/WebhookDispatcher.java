package ai.migma.gateway.webhooks;

import ai.migma.gateway.Poller;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the outbox's due deliveries, with retries and doubling backoff, recording each attempt. A delivery is
 * claimed by pushing its next attempt past the time an attempt can take ({@code FOR UPDATE SKIP LOCKED}, so
 * instances sharing the database never send the same attempt twice); an instance that dies mid-send leaves it to be
 * retried when that lease runs out. Delivery is at least once: receivers deduplicate by {@code X-Migma-Event-Id}.
 */
@Component
final class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private record Due(UUID id, UUID webhookId, UUID eventId, String eventType, String payload, int attempts,
            String url, String secret, Map<String, String> customHeaders) {
    }

    private final JdbcClient jdbc;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final Clock clock;
    private final JsonMapper json;
    private final Poller poller;
    private final TransactionTemplate transactions;
    private volatile ExecutorService workers;

    WebhookDispatcher(JdbcClient jdbc, WebhookSender sender, WebhookProperties properties, Clock clock,
            JsonMapper json, TransactionTemplate transactions) {
        this.json = json;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
        this.poller = new Poller("webhook-poller", properties.pollInterval(), properties.pollInterval(),
                this::deliverDue);
    }

    /** A new event was committed: look for due deliveries now rather than at the next poll. */
    void wake() {
        poller.wake();
    }

    private void deliverDue() {
        int claimed;
        do {
            claimed = deliverBatch();
        } while (claimed == batchSize() && poller.running());
    }

    private int batchSize() {
        return properties.workers() * 4;
    }

    private int deliverBatch() {
        List<Due> due = claim();
        List<Callable<Void>> sends = new ArrayList<>(due.size());
        for (Due delivery : due) {
            sends.add(() -> {
                attempt(delivery);
                return null;
            });
        }
        try {
            workers.invokeAll(sends);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return due.size();
    }

    private List<Due> claim() {
        Instant now = clock.instant();
        Instant lease = now.plus(properties.timeout().multipliedBy(2)).plusSeconds(5);
        return jdbc.sql("""
                update webhook_deliveries d
                   set next_attempt_at = :lease, attempts = d.attempts + 1, last_attempt_at = :now
                  from webhooks w
                 where w.id = d.webhook_id
                   and d.id in (select id from webhook_deliveries
                                 where status = 'pending' and next_attempt_at <= :now
                                 order by next_attempt_at limit :limit for update skip locked)
                returning d.id, d.webhook_id, d.event_id, d.event_type, d.payload, d.attempts, w.url, w.secret,
                          w.custom_headers
                """)
                .param("lease", Timestamp.from(lease)).param("now", Timestamp.from(now))
                .param("limit", batchSize())
                .query((row, n) -> new Due(row.getObject("id", UUID.class), row.getObject("webhook_id", UUID.class),
                        row.getObject("event_id", UUID.class), row.getString("event_type"),
                        row.getString("payload"), row.getInt("attempts"), row.getString("url"),
                        row.getString("secret"), json.readValue(row.getString("custom_headers"), HEADERS)))
                .list();
    }

    private void attempt(Due delivery) {
        WebhookSender.Attempt attempt = sender.send(delivery.url(), delivery.secret(), delivery.customHeaders(),
                delivery.eventId(), delivery.eventType(), delivery.payload());
        Instant now = clock.instant();
        String status;
        Timestamp next = null;
        if (attempt.delivered()) {
            status = "succeeded";
        } else if (delivery.attempts() >= properties.maxAttempts()) {
            status = "failed";
            log.info("Webhook {} delivery {} failed for good after {} attempts: {}", delivery.webhookId(),
                    delivery.id(), delivery.attempts(), attempt.error());
        } else {
            status = "pending";
            next = Timestamp.from(now.plus(properties.backoffAfter(delivery.attempts())));
        }
        record(delivery.id(), delivery.webhookId(), attempt, status, next, now);
    }

    /**
     * Stores an attempt's outcome; a delivery that ended (either way) counts on its webhook. One transaction, so no
     * reader sees a delivery ended that its webhook's counts do not include yet.
     */
    void record(UUID deliveryId, UUID webhookId, WebhookSender.Attempt attempt, String status, Timestamp next,
            Instant now) {
        transactions.executeWithoutResult(transaction -> {
            jdbc.sql("update webhook_deliveries set status = ?, next_attempt_at = ?, response_status = ?, "
                            + "response_body = ?, error = ? where id = ?")
                    .params(status, next, attempt.status(), attempt.responseBody(), attempt.error(), deliveryId)
                    .update();
            if (!status.equals("pending")) {
                String counter = status.equals("succeeded") ? "success_count" : "failure_count";
                jdbc.sql("update webhooks set " + counter + " = " + counter + " + 1, last_triggered_at = ? "
                        + "where id = ?").params(Timestamp.from(now), webhookId).update();
            }
        });
    }

    @Override
    public void start() {
        workers = Executors.newFixedThreadPool(properties.workers(), Poller.daemonThreads("webhook-sender"));
        poller.start();
    }

    /** Attempts in flight finish (each is bounded by the timeout); what is still due stays in the outbox. */
    @Override
    public void stop() {
        if (!poller.started()) {
            return;
        }
        poller.stop(properties.timeout().plusSeconds(1));
        workers.shutdown();
    }

    @Override
    public boolean isRunning() {
        return poller.started();
    }

    /** Stopped after the web server has drained, like usage recording, and before the database goes. */
    @Override
    public int getPhase() {
        return 0;
    }
}
