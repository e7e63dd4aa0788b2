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
 * Reports a change to the account's webhooks that subscribe to it. Called inside the transaction of the change:
 * the deliveries are rows of that transaction (an outbox), so a rolled-back change sends nothing and a committed
 * one is delivered even if this instance stops right after. Sending starts once the transaction commits.
 */
@Service
public final class WebhookPublisher {

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

    public void publish(UUID accountId, String type, Object data) {
        List<UUID> targets = jdbc.sql("select id from webhooks where account_id = ? and active and ? = any(events)")
                .params(accountId, type).query(UUID.class).list();
        if (targets.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        String payload = json.writeValueAsString(new Payload(type, data, now));
        UUID eventId = UUID.randomUUID();
        for (UUID webhook : targets) {
            jdbc.sql("insert into webhook_deliveries (id, webhook_id, event_id, event_type, payload, status, "
                            + "next_attempt_at, created_at) values (?, ?, ?, ?, ?, 'pending', ?, ?)")
                    .params(UUID.randomUUID(), webhook, eventId, type, payload, Timestamp.from(now),
                            Timestamp.from(now))
                    .update();
        }
        AfterCommit.run(dispatcher::wake);
    }
}
