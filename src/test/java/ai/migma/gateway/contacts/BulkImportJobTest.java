package ai.migma.gateway.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.Tenant;
import ai.migma.gateway.support.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/contacts/bulk} above the synchronous limit, with the SDK's {@code BulkImportParams}: the SDK's
 * {@code BulkImportAsyncResponse}, then {@code GET /v1/contacts/bulk/{jobId}} as {@code BulkImportJobStatus}. The
 * limits are small here (5 within the request, chunks of 3), so a job of a dozen contacts spans four steps.
 */
@GatewayTest(properties = {"migma.admin-token=" + GatewayClient.ADMIN_TOKEN, "migma.contacts.bulk.sync-limit=5",
        "migma.contacts.bulk.chunk-size=3", "migma.contacts.bulk.max-contacts=20"})
class BulkImportJobTest {

    @Autowired
    GatewayClient gateway;
    Tenant tenant;

    @BeforeEach
    void tenant() {
        tenant = gateway.tenant("audience:read", "audience:write", "webhook:write");
    }

    private Reply bulk(List<?> subscribers) {
        Map<String, Object> body = new HashMap<>();
        body.put("subscribers", subscribers);
        body.put("projectId", tenant.project());
        return gateway.call("POST", "/v1/contacts/bulk", tenant.key(), body);
    }

    private static List<Object> contacts(int count) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(Map.of("email", "c" + i + "@example.com"));
        }
        return list;
    }

    private JsonNode awaitFinished(String jobId) {
        Reply done = gateway.pollUntil("/v1/contacts/bulk/" + jobId, tenant.key(), "/data/status", "completed",
                "failed");
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        return done.json().get("data");
    }

    @Test
    void aListWithinTheSyncLimitIsImportedWithinTheRequest() {
        JsonNode result = bulk(contacts(5)).json().get("data");

        assertThat(result.get("success").asInt()).isEqualTo(5);
        assertThat(result.has("jobId")).isFalse();
    }

    @Test
    void aListAboveTheSyncLimitAnswersWithTheSdksAsyncShape() {
        Reply reply = bulk(contacts(6));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode started = reply.json().get("data");
        assertThat(started.propertyNames()).containsExactlyInAnyOrder("jobId", "status", "totalContacts", "message");
        assertThat(started.get("jobId").isString()).isTrue();
        assertThat(started.get("status").asString()).isEqualTo("processing");
        assertThat(started.get("totalContacts").isInt()).isTrue();
        assertThat(started.get("totalContacts").asInt()).isEqualTo(6);
        assertThat(started.get("message").isString()).isTrue();
    }

    @Test
    void theJobEndsWithTheCountsASynchronousImportWouldGive() {
        tenant.addContact("known1@example.com", "subscribed", Map.of());
        tenant.addContact("known2@example.com", "subscribed", Map.of());
        List<Object> subscribers = new ArrayList<>(List.of(
                Map.of("email", "n0@example.com"), Map.of("email", "KNOWN1@example.com", "firstName", "Known"),
                Map.of("email", "n1@example.com"), Map.of("email", "n2@example.com"),
                Map.of("email", "broken"), Map.of("email", "n3@example.com"),
                Map.of("email", "n0@example.com", "lastName", "Again"), Map.of("email", "n4@example.com"),
                Map.of("email", "known2@example.com"), Map.of("email", "n5@example.com")));
        subscribers.add(null);
        subscribers.add(Map.of("email", "n6@example.com", "status", "active", "tags", List.of("vip")));

        String jobId = bulk(subscribers).json().at("/data/jobId").asString();
        JsonNode job = awaitFinished(jobId);

        assertThat(job.propertyNames()).containsExactlyInAnyOrder("jobId", "status", "totalContacts", "processed",
                "result", "error", "createdAt", "completedAt");
        assertThat(job.get("jobId").asString()).isEqualTo(jobId);
        assertThat(job.get("status").asString()).isEqualTo("completed");
        assertThat(job.get("totalContacts").asInt()).isEqualTo(12);
        assertThat(job.get("processed").asInt()).isEqualTo(12);
        assertThat(job.get("error").isNull()).isTrue();
        assertThat(Instant.parse(job.get("createdAt").asString()))
                .isBeforeOrEqualTo(Instant.parse(job.get("completedAt").asString()));
        JsonNode result = job.get("result");
        assertThat(result.get("success").asInt()).isEqualTo(7);
        assertThat(result.get("updated").asInt()).isEqualTo(3);
        assertThat(result.get("failed").asInt()).isEqualTo(2);
        assertThat(result.get("errors").valueStream().map(JsonNode::asString)).containsExactly(
                "subscribers[4].email must be a valid email address", "subscribers[10] must be an object");
        Reply all = gateway.call("GET", "/v1/contacts?projectId=" + tenant.project() + "&limit=100", tenant.key(),
                null);
        assertThat(all.json().get("count").asInt()).isEqualTo(9);
        JsonNode n0 = gateway.call("GET", "/v1/contacts/n0@example.com?projectId=" + tenant.project(), tenant.key(),
                null).json().get("data");
        assertThat(n0.get("lastName").asString()).isEqualTo("Again");
    }

    @Test
    void theFinishedJobIsAnnouncedAsSubscriberBulkImported() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            assertThat(gateway.call("POST", "/v1/webhooks", tenant.key(), Map.of("url", receiver.url(),
                    "events", List.of("subscriber.bulk_imported"))).status()).isEqualTo(201);

            awaitFinished(bulk(contacts(7)).json().at("/data/jobId").asString());

            JsonNode event = GatewayClient.parse(receiver.next(Duration.ofSeconds(10)).text());
            assertThat(event.get("type").asString()).isEqualTo("subscriber.bulk_imported");
            assertThat(event.at("/data/projectId").asString()).isEqualTo(tenant.project());
            assertThat(event.at("/data/success").asInt()).isEqualTo(7);
            assertThat(event.at("/data/failed").asInt()).isZero();
            assertThat(event.at("/data/updated").asInt()).isZero();
        }
    }

    @Test
    void refusesAListAboveTheMostOneRequestMayHold() {
        Reply reply = bulk(contacts(21));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asString()).isEqualTo(
                "subscribers must hold at most 20 contacts per request");
    }

    @Test
    void anotherAccountsJobIsNotFound() {
        String jobId = bulk(contacts(6)).json().at("/data/jobId").asString();
        Tenant other = gateway.tenant("audience:read");

        assertThat(gateway.getWithKey("/v1/contacts/bulk/" + jobId, other.key()).status()).isEqualTo(404);
        assertThat(gateway.getWithKey("/v1/contacts/bulk/" + java.util.UUID.randomUUID(), tenant.key()).status())
                .isEqualTo(404);
        assertThat(gateway.getWithKey("/v1/contacts/bulk/not-a-job", tenant.key()).status()).isEqualTo(404);
        assertThat(gateway.getWithKey("/v1/contacts/bulk/" + jobId, tenant.key()).status()).isEqualTo(200);
    }

    @Test
    void readingAJobNeedsAudienceRead() {
        String jobId = bulk(contacts(6)).json().at("/data/jobId").asString();
        String writeOnly = gateway.createKey(tenant.account(), "test", "audience:write").get("key").asString();

        assertThat(gateway.getWithKey("/v1/contacts/bulk/" + jobId, writeOnly).status()).isEqualTo(403);
    }
}
