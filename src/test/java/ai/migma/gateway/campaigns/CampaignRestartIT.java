package ai.migma.gateway.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayProcess;
import ai.migma.gateway.support.TestServices;
import ai.migma.gateway.support.Tenant;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar as real processes on the test database: a campaign scheduled a few seconds ahead, its gateway
 * stopped by SIGTERM before its time, is sent when gateways start again, once, as one batch, although its time
 * passed while none ran; and with two gateways running, a campaign that falls due is sent once between them. Each
 * start of the jar costs seconds, so the two instances of the second half are the restart of the first.
 */
class CampaignRestartIT {

    private static final Map<String, String> FAST_JOBS = Map.of("MIGMA_JOBS_STEP_DELAY", "100ms",
            "MIGMA_JOBS_POLL_INTERVAL", "200ms");

    @Test
    void aScheduledCampaignIsSentOnceAfterASigtermAndARestartAndOnceBetweenTwoInstances() throws Exception {
        Map<String, String> database = TestServices.database();
        Map<String, String> environment = new HashMap<>(FAST_JOBS);
        environment.put("SPRING_DATASOURCE_URL", database.get("spring.datasource.url"));
        environment.put("SPRING_DATASOURCE_USERNAME", database.get("spring.datasource.username"));
        environment.put("SPRING_DATASOURCE_PASSWORD", database.get("spring.datasource.password"));

        Tenant tenant;
        String first;
        String second;
        Instant at;
        try (GatewayProcess gateway = start(environment, "first")) {
            GatewayClient client = gateway.client();
            tenant = client.tenant("campaign:read", "campaign:write", "email:send", "email:read", "audience:write");
            tenant.addContact("a@example.com", "subscribed", Map.of());
            tenant.addContact("b@example.com", "subscribed", Map.of());
            tenant.addContact("c@example.com", "unsubscribed", Map.of());
            String conversation = generate(client, tenant);
            first = create(client, tenant, conversation);
            second = create(client, tenant, conversation);
            at = Instant.now().plusSeconds(5);
            Reply scheduled = client.call("POST", "/v1/campaigns/" + first + "/schedule", tenant.key(),
                    Map.of("scheduledAt", at.toString()));
            assertThat(scheduled.json().at("/data/status").asString()).as(scheduled.text()).isEqualTo("scheduled");

            gateway.stop();
        }
        assertThat(Instant.now()).as("stopped before the campaign's time").isBefore(at);

        CompletableFuture<GatewayProcess> startingOther = CompletableFuture.supplyAsync(
                () -> start(environment, "third"));
        try (GatewayProcess one = start(environment, "second"); GatewayProcess other = startingOther.join()) {
            GatewayClient client = one.client();
            JsonNode sent = client.pollUntil("/v1/campaigns/" + first, tenant.key(), "/data/status", "sent",
                    "failed").json().get("data");
            assertThat(sent.get("status").asString()).isEqualTo("sent");
            assertThat(Instant.parse(sent.get("sentAt").asString())).isAfterOrEqualTo(at);
            assertThat(batches(client, tenant)).isEqualTo(1);
            assertThat(client.getWithKey("/v1/sending/batches/" + sent.get("batchId").asString(), tenant.key())
                    .json().at("/data/totalCount").asInt()).isEqualTo(2);

            // Both instances poll for due jobs now: the one that claims it sends; the other finds nothing.
            Instant soon = Instant.now().plusSeconds(2);
            assertThat(other.client().call("POST", "/v1/campaigns/" + second + "/schedule", tenant.key(),
                    Map.of("scheduledAt", soon.toString())).status()).isEqualTo(200);
            JsonNode alsoSent = other.client().pollUntil("/v1/campaigns/" + second, tenant.key(), "/data/status",
                    "sent", "failed").json().get("data");
            assertThat(alsoSent.get("status").asString()).isEqualTo("sent");
            Thread.sleep(1000);
            assertThat(batches(client, tenant)).isEqualTo(2);
            assertThat(client.getWithKey("/v1/campaigns/" + first, tenant.key()).json().at("/data/batchId")
                    .asString()).isEqualTo(sent.get("batchId").asString());
        }
    }

    private static GatewayProcess start(Map<String, String> environment, String name) {
        return GatewayProcess.start(List.of(), GatewayProcess.JAR, List.of(), environment,
                Path.of("target/campaign-restart-it-" + name + ".log"));
    }

    private static String generate(GatewayClient client, Tenant tenant) {
        String id = client.call("POST", "/v1/projects/emails/generate", tenant.key(), Map.of("projectId",
                tenant.project(), "prompt", "Create a launch email for our winter collection.")).json()
                .at("/data/conversationId").asString();
        Reply done = client.pollUntil("/v1/projects/emails/" + id + "/status", tenant.key(), "/data/status",
                "completed", "failed");
        assertThat(done.json().at("/data/status").asString()).isEqualTo("completed");
        return id;
    }

    private static String create(GatewayClient client, Tenant tenant, String conversation) {
        Reply created = client.call("POST", "/v1/campaigns", tenant.key(), Map.of("projectId", tenant.project(),
                "name", "Winter", "conversationId", conversation, "from", "news@shop.example", "fromName", "Shop",
                "recipientType", "audience", "recipientId", tenant.project()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().at("/data/id").asString();
    }

    private static long batches(GatewayClient client, Tenant tenant) {
        return client.getWithKey("/v1/sending?projectId=" + tenant.project(), tenant.key()).json().get("count")
                .asLong();
    }
}
