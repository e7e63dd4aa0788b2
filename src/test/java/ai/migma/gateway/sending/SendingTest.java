package ai.migma.gateway.sending;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** POST /v1/sending and its batches: checked, resolved to recipients, recorded as queued; nothing is mailed. */
@GatewayTest
class SendingTest {

    @Autowired
    GatewayClient gateway;
    String account;
    String project;
    String key;

    @BeforeEach
    void projectWithContacts() {
        Tenant tenant = gateway.tenant("email:send", "email:read", "audience:write");
        account = tenant.account();
        project = tenant.project();
        key = tenant.key();
        tenant.addContact("a@example.com", "subscribed", Map.of(), "vip");
        tenant.addContact("b@example.com", "subscribed", Map.of(), "vip");
        tenant.addContact("c@example.com", "unsubscribed", Map.of(), "vip");
        tenant.addContact("d@example.com", "subscribed", Map.of());
    }

    private Reply send(Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("from", "news@shop.example", "fromName", "Shop",
                "subject", "Hello", "template", "<p>Hi {{firstName}}</p>", "projectId", project));
        body.putAll(fields);
        return gateway.call("POST", "/v1/sending", key, body);
    }

    private static final List<String> BATCH_STATUSES = List.of("pending", "processing", "completed", "failed");

    @Test
    void queuesOneEmailAndAnswersWithTheSdkShape() {
        Reply reply = send(Map.of("recipientType", "email", "recipientEmail", "someone@example.org"));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode data = reply.json().get("data");
        assertThat(data.get("provider").asString()).isEqualTo("migma");
        assertThat(data.get("status").asString()).isEqualTo("pending");
        assertThat(data.get("sentCount").asInt()).isEqualTo(1);

        Reply batch = gateway.call("GET", "/v1/sending/batches/" + data.get("id").asString(), key, null);
        assertThat(batch.status()).isEqualTo(200);
        assertThat(BATCH_STATUSES).contains(batch.json().at("/data/status").asString());
        assertThat(batch.json().at("/data/totalCount").asInt()).isEqualTo(1);
        assertThat(batch.json().at("/data/from").asString()).isEqualTo("news@shop.example");
        assertThat(batch.json().at("/data").has("recipientId")).as("optional, absent for one address").isFalse();
    }

    @Test
    void aBatchAdvancesToCompletedWithEveryMessageCountedSent() {
        String id = send(Map.of("recipientType", "audience")).json().at("/data/id").asString();

        Reply done = gateway.pollUntil("/v1/sending/batches/" + id, key, "/data/status", "completed", "failed");

        JsonNode batch = done.json().get("data");
        assertThat(batch.get("status").asString()).isEqualTo("completed");
        assertThat(batch.get("totalCount").asInt()).isEqualTo(3);
        assertThat(batch.get("sentCount").asInt()).isEqualTo(3);
        assertThat(batch.get("queuedCount").asInt()).isZero();
        assertThat(batch.get("failedCount").asInt()).isZero();
        assertThat(batch.get("updatedAt").isString()).isTrue();
    }

    @Test
    void answersWithTheProviderTheSendNames() {
        Reply reply = send(Map.of("recipientType", "email", "recipientEmail", "someone@example.org",
                "providerType", "sendgrid"));

        assertThat(reply.json().at("/data/provider").asString()).isEqualTo("sendgrid");
        assertThat(gateway.call("GET", "/v1/sending/batches/" + reply.json().at("/data/id").asString(), key, null)
                .json().at("/data/provider").asString()).isEqualTo("sendgrid");
        assertThat(send(Map.of("recipientType", "email", "recipientEmail", "someone@example.org",
                "providerType", "pigeon")).status()).isEqualTo(400);
    }

    @Test
    void resolvesAudienceSegmentAndTagToSubscribedContacts() {
        assertThat(send(Map.of("recipientType", "audience")).json().at("/data/sentCount").asInt()).isEqualTo(3);

        String segment = gateway.call("POST", "/v1/segments", key, Map.of("projectId", project, "name", "VIPs",
                "filters", Map.of("tags", List.of("vip")))).json().at("/data/id").asString();
        Reply toSegment = send(Map.of("recipientType", "segment", "recipientId", segment));
        assertThat(toSegment.json().at("/data/sentCount").asInt()).isEqualTo(2);
        assertThat(toSegment.json().at("/data/batchId").asString()).isEqualTo(toSegment.json().at("/data/id")
                .asString());

        String tag = gateway.call("POST", "/v1/tags", key, Map.of("projectId", project, "name", "VIP")).json()
                .at("/data/id").asString();
        JsonNode toTag = send(Map.of("recipientType", "tag", "recipientId", tag)).json().get("data");
        assertThat(toTag.get("sentCount").asInt()).isEqualTo(2);

        JsonNode batch = gateway.call("GET", "/v1/sending/batches/" + toTag.get("id").asString(), key, null).json()
                .get("data");
        assertThat(batch.get("recipientType").asString()).isEqualTo("tag");
        assertThat(batch.get("recipientId").asString()).isEqualTo(tag);
        assertThat(BATCH_STATUSES).contains(batch.get("status").asString());

        Reply history = gateway.call("GET", "/v1/sending?limit=2", key, null);
        assertThat(history.json().get("count").asInt()).isEqualTo(3);
        assertThat(history.json().get("data")).hasSize(2);
        assertThat(history.json().at("/data/0/batchId").asString()).isEqualTo(toTag.get("id").asString());
    }

    @Test
    void namesWhatIsMissingOrWrongIn400() {
        assertError(send(Map.of("recipientType", "fax")), "recipientType must be one of");
        assertError(send(Map.of("recipientType", "email")), "recipientEmail is required");
        assertError(send(Map.of("recipientType", "segment")), "recipientId is required when recipientType is segment");
        assertError(send(Map.of("recipientType", "email", "recipientEmail", "x@example.com", "from", "nope")),
                "from must be a valid email address");
        assertError(send(Map.of("recipientType", "email", "recipientEmail", "x@example.com", "subject", "")),
                "subject must not be blank");
        assertError(send(Map.of("recipientType", "email", "recipientEmail", "x@example.com", "template", " ")),
                "template or templateId is required");
        String emptyTag = gateway.call("POST", "/v1/tags", key, Map.of("projectId", project, "name", "nobody"))
                .json().at("/data/id").asString();
        assertError(send(Map.of("recipientType", "tag", "recipientId", emptyTag)), "no subscribed contacts");
    }

    private static void assertError(Reply reply, String message) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.json().get("error").asString()).contains(message);
    }

    @Test
    void sendsWithAProjectTemplateById() {
        String readKey = gateway.createKey(account, "test", "template:read").get("key").asString();
        String template = gateway.call("GET", "/v1/templates?projectId=" + project, readKey, null).json()
                .at("/data/0/id").asString();

        Reply reply = send(Map.of("recipientType", "email", "recipientEmail", "x@example.com", "template", "",
                "templateId", template));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(send(Map.of("recipientType", "email", "recipientEmail", "x@example.com",
                "templateId", "00000000-0000-0000-0000-000000000000")).status()).isEqualTo(404);
    }

    @Test
    void anotherAccountsBatchesAndRecipientsAre404() {
        String batch = send(Map.of("recipientType", "audience")).json().at("/data/id").asString();
        String segment = gateway.call("POST", "/v1/segments", key, Map.of("projectId", project, "name", "All"))
                .json().at("/data/id").asString();
        String other = gateway.createAccount("pro", null);
        String otherProject = gateway.createProject(other, "Theirs");
        String otherKey = gateway.createKey(other, "test", "email:send", "email:read").get("key").asString();

        assertThat(gateway.call("GET", "/v1/sending/batches/" + batch, otherKey, null).status()).isEqualTo(404);
        assertThat(gateway.call("GET", "/v1/sending", otherKey, null).json().get("count").asInt()).isZero();
        assertThat(gateway.call("POST", "/v1/sending", otherKey, Map.of("recipientType", "segment",
                "recipientId", segment, "from", "a@b.example", "fromName", "X", "subject", "S", "template", "<p/>",
                "projectId", otherProject)).status()).isEqualTo(404);
    }

    @Test
    void sendingNeedsEmailSendAndReadingNeedsEmailRead() {
        String readOnly = gateway.createKey(account, "test", "email:read").get("key").asString();
        String sendOnly = gateway.createKey(account, "test", "email:send").get("key").asString();

        assertThat(gateway.call("POST", "/v1/sending", readOnly, Map.of()).status()).isEqualTo(403);
        assertThat(gateway.call("GET", "/v1/sending", sendOnly, null).status()).isEqualTo(403);
        assertThat(gateway.call("GET", "/v1/sending", readOnly, null).status()).isEqualTo(200);
    }
}
