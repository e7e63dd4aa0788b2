package ai.migma.gateway.webhooks;

import ai.migma.gateway.AfterCommit;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores an event for the account's webhooks that subscribe to it: a delivery row per webhook (an outbox), sent by
 * {@link WebhookDispatcher} once the transaction commits, and sent even if this instance stops right after. Called
 * by {@link DomainEventWebhooks}, whose events the publication registry keeps until they are stored here; the same
 * event id stored twice is one delivery.
 */
@Service
final class WebhookPublisher {

    /** The body every receiver gets: {@code {type, data, createdAt}}. */
    record Payload(String type, Object data, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final WebhookDispatcher dispatcher;

    WebhookPublisher(JdbcClient jdbc, JsonMapper json, Clock clock, WebhookDispatcher dispatcher) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.dispatcher = dispatcher;
    }

    void publish(UUID eventId, UUID accountId, String type, Object data) {
        List<UUID> targets = jdbc.sql("select id from webhooks where account_id = ? and active and ? = any(events)")
                .params(accountId, type).query(UUID.class).list();
        if (targets.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        String payload = json.writeValueAsString(new Payload(type, data, now));
        for (UUID webhook : targets) {
            jdbc.sql("insert into webhook_deliveries (id, webhook_id, event_id, event_type, payload, status, "
                            + "next_attempt_at, created_at) values (?, ?, ?, ?, ?, 'pending', ?, ?) "
                            + "on conflict (webhook_id, event_id) do nothing")
                    .params(UUID.randomUUID(), webhook, eventId, type, payload, Timestamp.from(now),
                            Timestamp.from(now))
                    .update();
        }
        AfterCommit.run(dispatcher::wake);
    }
}
