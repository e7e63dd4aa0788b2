package ai.migma.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/webhooks/events}: Migma's event list, for keys with {@code webhook:read}, served from memory. */
@GatewayTest
class WebhookEventsTest {

    @Autowired
    GatewayClient gateway;

    @Test
    void listsMigmasEventsToAKeyWithWebhookRead() {
        Reply reply = gateway.getWithKey("/v1/webhooks/events", gateway.newTestKey("webhook:read"));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode data = reply.json().get("data");
        assertThat(data.get("events").valueStream().map(event -> event.get("type").asString())).containsExactly(
                "subscriber.added",
                "subscriber.updated", "subscriber.unsubscribed", "subscriber.bulk_imported", "api_key.created",
                "api_key.revoked", "email.generation.started", "email.generation.completed",
                "email.generation.failed", "email.test.sent", "project.import.started", "project.import.processing",
                "project.import.completed", "project.import.failed", "export.completed", "export.failed");
        assertThat(data.at("/events/0/description").asString()).isNotBlank();
        assertThat(data.get("total").asInt()).isEqualTo(16);
        assertThat(reply.json().at("/metadata/requestId").asString()).isEqualTo(reply.header("X-Request-Id"));
        assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("100");
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void refusesAKeyWithoutWebhookReadWith403() {
        Reply reply = gateway.getWithKey("/v1/webhooks/events", gateway.newTestKey("webhook:write", "email:read"));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("error").asString()).isEqualTo("Insufficient permissions");
        assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo("99");
    }

    @Test
    void anEncodedPathNeedsThePermissionOfTheRouteItNames() {
        String key = gateway.newTestKey("audience:read");

        // Not the literal path the fast lookup knows: the rules still decide, as for MVC it is the same route.
        assertThat(gateway.getWithKey("/v1/webhooks/%65vents", key).status()).isEqualTo(403);
        assertThat(gateway.getWithKey("/v1/webhooks/%65vents", gateway.newTestKey("webhook:read")).status())
                .isEqualTo(200);
    }
}
