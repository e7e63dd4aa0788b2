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
import tools.jackson.databind.JsonNode;

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
            JsonNode first = gateway.createKey(account, "test", "webhook:write");
            String key = first.get("key").asString();
            // That key's own api_key.created is handled after its commit, on another thread: handled after the
            // webhook below exists, it would be delivered to it and counted as the event under test.
            awaitHandled(first.get("id").asString());
            Reply webhook = gateway.call("POST", "/v1/webhooks", key, Map.of("url", receiver.url(),
                    "events", List.of("api_key.created")));
            assertThat(webhook.status()).isEqualTo(201);
            String webhookId = webhook.json().at("/data/id").asString();

            String created;
            try (Connection blocker = connect(); Statement lock = blocker.createStatement();
                    Canceller canceller = new Canceller()) {
                blocker.setAutoCommit(false);
                // Reads go on; the listener's insert waits for the lock, and is cancelled as soon as it does.
                lock.execute("lock table webhook_deliveries in share mode");
                canceller.start();
                created = gateway.createKey(account, "test").get("id").asString();
                awaitFailedHandling(created);
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

    /** Waits until the event that names {@code keyId} has been handled (it leaves the registry then). */
    private void awaitHandled(String keyId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (status(keyId) != null) {
            assertThat(System.nanoTime()).as("the event's handling to complete").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Waits until the registry says the handling of the event that names {@code keyId} failed. */
    private void awaitFailedHandling(String keyId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!"FAILED".equals(status(keyId))) {
            assertThat(System.nanoTime()).as("the event's handling to fail").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /**
     * While the table is locked, cancels every statement that waits for that lock, from the moment the lock is
     * taken: the listener's insert (else the 5 s statement timeout ends it), and also the webhook dispatcher's
     * claim and any other event's delivery, which would otherwise each hold one of the test pool's four
     * connections until the key's own creation found none free (CI saw that as a 503).
     */
    private static final class Canceller implements AutoCloseable {
        private final Connection connection;
        private final Thread thread;
        private volatile boolean running = true;

        Canceller() throws Exception {
            connection = connect();
            thread = new Thread(this::run, "lock-waiter-canceller");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void run() {
            try (Statement statement = connection.createStatement()) {
                while (running) {
                    statement.execute("select pg_cancel_backend(pid) from pg_stat_activity "
                            + "where wait_event_type = 'Lock' and pid <> pg_backend_pid() "
                            + "and query ~* '^\\s*(insert into|update) webhook_deliveries'");
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                if (running) {
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.join(5_000);
            connection.close();
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
