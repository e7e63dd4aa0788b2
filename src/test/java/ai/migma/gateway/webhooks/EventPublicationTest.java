package ai.migma.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.TestServices;
import ai.migma.gateway.support.WebhookReceiver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;

/**
 * A change commits, and then the handling of its event fails (here: its insert into the locked outbox is cancelled,
 * as a crash, a restart or a lost database in the middle would end it). Nothing is lost: the
 * event stays in Spring Modulith's publication registry, and handled again (as every start does with what is
 * outstanding) it is delivered exactly once, however often it is handled. Same context as WebhookDeliveryTest.
 */
@ExtendWith(OutputCaptureExtension.class)
@GatewayTest(properties = {"migma.admin-token=" + GatewayClient.ADMIN_TOKEN,
        "migma.webhooks.retry-backoff=200ms", "migma.webhooks.poll-interval=100ms", "migma.webhooks.max-attempts=3"})
class EventPublicationTest {

    @Autowired
    GatewayClient gateway;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IncompleteEventPublications incomplete;

    @Test
    void anEventWhoseHandlingFailedAfterItsChangeCommittedIsDeliveredOnceWhenHandledAgain(CapturedOutput output)
            throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String account = gateway.createAccount("enterprise", 10_000);
            String key = gateway.createKey(account, "test", "webhook:write").get("key").asString();
            Reply webhook = gateway.call("POST", "/v1/webhooks", key, Map.of("url", receiver.url(),
                    "events", List.of("api_key.created")));
            assertThat(webhook.status()).isEqualTo(201);
            String webhookId = webhook.json().at("/data/id").asString();

            String created;
            try (Connection blocker = connect(); Statement lock = blocker.createStatement()) {
                blocker.setAutoCommit(false);
                // Reads go on; the listener's insert waits for the lock, and is cancelled as soon as it does.
                lock.execute("lock table webhook_deliveries in share mode");
                created = gateway.createKey(account, "test").get("id").asString();
                awaitFailedHandling(created, lock);
                blocker.rollback();
            }
            assertThat(deliveries(webhookId)).isZero();
            assertThat(receiver.waiting()).isZero();
            // An expected, recovered failure: one WARN line saying what happens next, no ERROR and no stack trace.
            assertThat(output.toString()).contains("Handling ApiKeyCreated in DomainEventWebhooks.on failed",
                    "handled again at the next start").doesNotContain("Unexpected exception occurred invoking async");

            incomplete.resubmitIncompletePublications(publication -> true);
            WebhookReceiver.Received delivered = receiver.next(Duration.ofSeconds(10));
            incomplete.resubmitIncompletePublications(publication -> true);

            assertThat(delivered.text()).contains("\"type\":\"api_key.created\"").contains(created);
            assertThat(deliveries(webhookId)).isEqualTo(1);
            assertThat(status(created)).as("handled, so no longer in the registry").isNull();
        }
    }

    private long deliveries(String webhookId) {
        return jdbc.sql("select count(*) from webhook_deliveries where webhook_id = ?::uuid").param(webhookId)
                .query(Long.class).single();
    }

    /**
     * Waits until the registry says the handling of the event that names {@code keyId} failed, cancelling the
     * listener's insert as soon as it waits for the lock (else the 5 s statement timeout ends it).
     */
    private void awaitFailedHandling(String keyId, Statement lock) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!"FAILED".equals(status(keyId))) {
            assertThat(System.nanoTime()).as("the event's handling to fail").isLessThan(deadline);
            lock.execute("select pg_cancel_backend(pid) from pg_stat_activity where wait_event_type = 'Lock' "
                    + "and query like 'insert into webhook_deliveries%'");
            Thread.sleep(50);
        }
    }

    private String status(String keyId) {
        return jdbc.sql("select status from event_publication where serialized_event like ?").param("%" + keyId + "%")
                .query(String.class).optional().orElse(null);
    }

    /** A connection of its own, outside the gateway's pool. */
    private static Connection connect() throws Exception {
        Map<String, String> database = TestServices.database();
        return DriverManager.getConnection(database.get("spring.datasource.url"),
                database.get("spring.datasource.username"), database.get("spring.datasource.password"));
    }
}
