package ai.migma.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The webhook routes over HTTP: shapes, the secret shown once, where a webhook may point, and isolation. */
@GatewayTest
class WebhooksTest {

    @Autowired
    GatewayClient gateway;
    String account;
    String key;

    @BeforeEach
    void accountWithAKey() {
        account = gateway.createAccount("enterprise", 10_000);
        key = gateway.createKey(account, "test", "webhook:read", "webhook:write").get("key").asString();
    }

    private Reply create(String url, List<String> events) {
        return gateway.call("POST", "/v1/webhooks", key, Map.of("url", url, "events", events,
                "description", "Shop sync"));
    }

    @Test
    void readsBackTheSecretAndCustomHeadersAsWebhookDetailDeclares() {
        Reply created = gateway.call("POST", "/v1/webhooks", key, Map.of("url", "http://127.0.0.1:9/hook",
                "events", List.of("subscriber.added", "api_key.created"), "description", "Shop sync",
                "customHeaders", Map.of("X-Shop", "eu-1")));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode webhook = created.json().get("data");
        assertThat(webhook.propertyNames()).contains("id", "url", "events", "active", "secret", "description",
                "createdAt");
        assertThat(webhook.get("secret").asString()).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(webhook.get("active").asBoolean()).isTrue();
        assertThat(webhook.at("/customHeaders/X-Shop").asString()).isEqualTo("eu-1");

        String id = webhook.get("id").asString();
        JsonNode read = gateway.call("GET", "/v1/webhooks/" + id, key, null).json().get("data");
        assertThat(read.get("secret").asString()).isEqualTo(webhook.get("secret").asString());
        assertThat(read.at("/customHeaders/X-Shop").asString()).isEqualTo("eu-1");
        assertThat(read.get("events").valueStream().map(JsonNode::asString)).containsExactly("subscriber.added",
                "api_key.created");
        assertThat(read.get("successCount").asInt()).isZero();
        assertThat(read.get("failureCount").asInt()).isZero();
        assertThat(read.get("updatedAt").isString()).isTrue();
        assertThat(read.has("lastTriggeredAt")).as("optional: absent until a delivery ends").isFalse();

        JsonNode list = gateway.call("GET", "/v1/webhooks", key, null).json().get("data");
        assertThat(list.get("total").asInt()).isEqualTo(1);
        assertThat(list.at("/webhooks/0/id").asString()).isEqualTo(id);
        assertThat(list.at("/webhooks/0/secret").asString()).isEqualTo(webhook.get("secret").asString());

        assertThat(gateway.call("PATCH", "/v1/webhooks/" + id, key, Map.of("customHeaders", Map.of())).status())
                .isEqualTo(200);
        assertThat(gateway.call("GET", "/v1/webhooks/" + id, key, null).json().at("/data").has("customHeaders"))
                .isFalse();
    }

    @Test
    void refusesCustomHeadersThatChangeHowADeliveryTravelsOrWhatItClaims() {
        for (String name : List.of("Host", "Content-Length", "Transfer-Encoding", "Connection", "X-Migma-Signature",
                "x-migma-event", "Proxy-Authorization", "bad name", "")) {
            Reply reply = gateway.call("POST", "/v1/webhooks", key, Map.of("url", "http://127.0.0.1:9/hook",
                    "events", List.of("subscriber.added"), "customHeaders", Map.of(name, "v")));
            assertThat(reply.status()).as(name).isEqualTo(400);
            assertThat(reply.json().get("error").asString()).startsWith("customHeaders entry 0");
        }
        Reply newline = gateway.call("POST", "/v1/webhooks", key, Map.of("url", "http://127.0.0.1:9/hook",
                "events", List.of("subscriber.added"), "customHeaders", Map.of("X-A", "a\r\nX-B: b")));
        assertThat(newline.status()).isEqualTo(400);
    }

    @Test
    void countsTheAccountsWebhooksAndDeliveriesInStats() {
        create("http://127.0.0.1:9/hook", List.of("subscriber.added"));
        String idle = create("http://127.0.0.1:9/other", List.of("subscriber.added")).json().at("/data/id")
                .asString();
        gateway.call("PATCH", "/v1/webhooks/" + idle, key, Map.of("active", false));
        gateway.call("POST", "/v1/webhooks/" + idle + "/test", key, null);

        Reply stats = gateway.call("GET", "/v1/webhooks/stats", key, null);

        assertThat(stats.status()).as(stats.text()).isEqualTo(200);
        JsonNode data = stats.json().get("data");
        assertThat(data.get("totalWebhooks").asInt()).isEqualTo(2);
        assertThat(data.get("activeWebhooks").asInt()).isEqualTo(1);
        assertThat(data.get("inactiveWebhooks").asInt()).isEqualTo(1);
        assertThat(data.get("totalDeliveries").asInt()).isEqualTo(1);
        assertThat(data.get("failedDeliveries").asInt()).isEqualTo(1);
        assertThat(data.at("/eventCounts/webhook.test").asInt()).isEqualTo(1);
    }

    @Test
    void acceptsAnUnresolvableHttpsHostInDevelopmentAndRecordsItsFailedDeliveries() {
        Reply created = create("https://receiver-" + UUID.randomUUID() + ".invalid/hook",
                List.of("subscriber.added"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().at("/data/id").asString();
        Reply test = gateway.call("POST", "/v1/webhooks/" + id + "/test", key, null);
        assertThat(test.json().at("/data/success").asBoolean()).isFalse();
        assertThat(test.json().at("/data/error").asString()).isEqualTo("url host cannot be resolved");
        assertThat(gateway.call("GET", "/v1/webhooks/" + id + "/deliveries", key, null).json()
                .at("/data/deliveries/0/status").asString()).isEqualTo("failed");
    }

    @Test
    void updatesAndDeletesWithTheSdksAnswers() {
        String id = create("http://127.0.0.1:9/hook", List.of("subscriber.added")).json().at("/data/id").asString();

        Reply updated = gateway.call("PATCH", "/v1/webhooks/" + id, key, Map.of("active", false,
                "events", List.of("subscriber.updated")));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().at("/data/updated").asBoolean()).isTrue();
        JsonNode read = gateway.call("GET", "/v1/webhooks/" + id, key, null).json().get("data");
        assertThat(read.get("active").asBoolean()).isFalse();
        assertThat(read.at("/events/0").asString()).isEqualTo("subscriber.updated");
        assertThat(read.get("description").asString()).isEqualTo("Shop sync");

        Reply deleted = gateway.call("DELETE", "/v1/webhooks/" + id, key, null);
        assertThat(deleted.json().at("/data/deleted").asBoolean()).isTrue();
        assertThat(gateway.call("GET", "/v1/webhooks/" + id, key, null).status()).isEqualTo(404);
    }

    @Test
    void refusesUrlsThatReachPrivateNetworksOrAreNotHttps() {
        assertRefused(create("http://93.184.216.34/hook", List.of("subscriber.added")), "must be an https URL");
        assertRefused(create("https://10.1.2.3/hook", List.of("subscriber.added")), "public address");
        assertRefused(create("https://169.254.169.254/latest", List.of("subscriber.added")), "public address");
        assertRefused(create("https://192.168.0.1/", List.of("subscriber.added")), "public address");
        assertRefused(create("https://[fd00::1]/", List.of("subscriber.added")), "public address");
        assertRefused(create("ftp://127.0.0.1/", List.of("subscriber.added")), "https");
        assertRefused(create("https://user:pw@127.0.0.1/", List.of("subscriber.added")), "no user info");
        assertRefused(create("not a url", List.of("subscriber.added")), "url");
        assertRefused(create("http://127.0.0.1/", List.of("subscriber.exploded")), "events[0] is not a Migma event");
        assertRefused(create("http://127.0.0.1/", List.of()), "events must name at least one event");
        String id = create("http://127.0.0.1:9/hook", List.of("subscriber.added")).json().at("/data/id").asString();
        assertRefused(gateway.call("PATCH", "/v1/webhooks/" + id, key, Map.of("url", "https://10.0.0.1/")),
                "public address");
    }

    private static void assertRefused(Reply reply, String message) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.json().get("code").asString()).isEqualTo("validation_error");
        assertThat(reply.json().get("error").asString()).contains(message);
    }

    @Test
    void anAccountHasAtMost25Webhooks() {
        for (int i = 0; i < WebhookService.MAX_PER_ACCOUNT; i++) {
            assertThat(create("http://127.0.0.1:9/hook" + i, List.of("subscriber.added")).status()).isEqualTo(201);
        }

        assertRefused(create("http://127.0.0.1:9/one-more", List.of("subscriber.added")), "at most 25 webhooks");
    }

    @Test
    void anotherAccountsWebhookIs404() {
        String id = create("http://127.0.0.1:9/hook", List.of("subscriber.added")).json().at("/data/id").asString();
        String otherKey = gateway.newTestKey("webhook:read", "webhook:write");

        assertThat(gateway.call("GET", "/v1/webhooks/" + id, otherKey, null).status()).isEqualTo(404);
        assertThat(gateway.call("PATCH", "/v1/webhooks/" + id, otherKey, Map.of("active", false)).status())
                .isEqualTo(404);
        assertThat(gateway.call("DELETE", "/v1/webhooks/" + id, otherKey, null).status()).isEqualTo(404);
        assertThat(gateway.call("POST", "/v1/webhooks/" + id + "/test", otherKey, null).status()).isEqualTo(404);
        assertThat(gateway.call("GET", "/v1/webhooks/" + id + "/deliveries", otherKey, null).status())
                .isEqualTo(404);
        assertThat(gateway.call("GET", "/v1/webhooks", otherKey, null).json().at("/data/total").asInt()).isZero();
        assertThat(gateway.call("GET", "/v1/webhooks/" + id, key, null).json().at("/data/active").asBoolean())
                .isTrue();
    }

    @Test
    void readingNeedsWebhookReadAndWritingWebhookWrite() {
        String readOnly = gateway.createKey(account, "test", "webhook:read").get("key").asString();
        String writeOnly = gateway.createKey(account, "test", "webhook:write").get("key").asString();

        assertThat(gateway.call("POST", "/v1/webhooks", readOnly, Map.of("url", "http://127.0.0.1/",
                "events", List.of("subscriber.added"))).status()).isEqualTo(403);
        assertThat(gateway.call("GET", "/v1/webhooks", writeOnly, null).status()).isEqualTo(403);
        assertThat(gateway.call("GET", "/v1/webhooks", readOnly, null).status()).isEqualTo(200);
    }
}
