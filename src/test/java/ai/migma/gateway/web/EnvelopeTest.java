package ai.migma.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * docs/API.md, "Envelope and errors": every response is the JSON envelope and carries X-Request-Id, whoever wrote it.
 */
@GatewayTest
class EnvelopeTest {

    @Autowired
    GatewayClient gateway;

    @Test
    void everyResponseCarriesARequestIdThatMatchesItsBody() {
        String key = gateway.newTestKey();
        List<Reply> replies = List.of(
                gateway.getWithKey("/v1/projects", key),
                gateway.get("/v1/projects"),
                gateway.getWithKey("/v1/webhooks", key),
                gateway.getWithKey("/v1/nothing-here", key),
                gateway.get("/nothing-here"),
                gateway.admin("GET", "/admin/v1/accounts/x", null));
        for (Reply reply : replies) {
            assertThat(reply.header("X-Request-Id")).as(reply.text()).matches("req_[0-9a-f]{32}");
            assertThat(reply.json().at("/metadata/requestId").asString()).isEqualTo(reply.header("X-Request-Id"));
            assertThat(reply.json().at("/metadata/timestamp").asString()).isNotBlank();
        }
        assertThat(gateway.get("/actuator/health").header("X-Request-Id")).isNotBlank();
    }

    @Test
    void keepsASafeIncomingRequestIdAndReplacesAnUnsafeOne() {
        Reply kept = gateway.get("/v1/projects", "X-Request-Id", "trace-42.abc:1");
        assertThat(kept.header("X-Request-Id")).isEqualTo("trace-42.abc:1");
        assertThat(kept.json().at("/metadata/requestId").asString()).isEqualTo("trace-42.abc:1");

        for (String unsafe : List.of("a b", "x".repeat(129), "<script>", "")) {
            assertThat(gateway.get("/v1/projects", "X-Request-Id", unsafe).header("X-Request-Id"))
                    .matches("req_[0-9a-f]{32}");
        }
    }

    @Test
    void unknownRoutesAndMethodsAreJson() {
        String key = gateway.newTestKey();
        Reply unknown = gateway.getWithKey("/v1/nothing-here", key);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("not_found");

        Reply wrongMethod = gateway.send("DELETE", "/v1/projects", null, "Authorization", "Bearer " + key);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("success").asBoolean()).isFalse();

        Reply outside = gateway.get("/");
        assertThat(outside.status()).isEqualTo(404);
        assertThat(outside.json().get("code").asString()).isEqualTo("not_found");
    }

    @Test
    void errorsAreJsonEvenWhenTheClientAsksForHtml() {
        Reply reply = gateway.get("/nothing-here", "Accept", "text/html");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json().get("success").asBoolean()).isFalse();

        Reply unauthorized = gateway.get("/v1/projects", "Accept", "text/html");
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void requestsTheFirewallRejectsAre400Json() {
        Reply reply = gateway.get("/v1/projects;jsessionid=1");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asString()).isEqualTo("validation_error");
    }

    @Test
    void healthIsPublic() {
        Reply health = gateway.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
    }
}
