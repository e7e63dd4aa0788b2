package ai.migma.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In production, over HTTP, the IPv6 forms that carry an internal IPv4 address (the metadata service, loopback, a
 * private network) are refused as webhook URLs like the IPv4 addresses themselves. Same context as
 * ProductionEnvironmentTest.
 */
@GatewayTest(properties = {"migma.admin-token=" + GatewayClient.ADMIN_TOKEN, "migma.environment=production"})
class WebhookSsrfTest {

    @Autowired
    GatewayClient gateway;

    @Test
    void ipv6TransitionFormsOfInternalAddressesAreRefused() {
        String account = gateway.createAccount("enterprise", 100_000);
        String key = gateway.createKey(account, "live", "webhook:write").get("key").asString();

        assertAll(WebhookUrlPolicyTest.TRANSITION_FORMS.stream().map(address -> (Executable) () -> {
            Reply reply = gateway.call("POST", "/v1/webhooks", key,
                    Map.of("url", "https://[" + address + "]/", "events", List.of("subscriber.added")));
            assertThat(reply.status()).as(address + ": " + reply.text()).isEqualTo(400);
            assertThat(reply.json().get("error").asString()).isEqualTo("url must point to a public address");
        }));
    }

    @Test
    void anUnresolvableHostIsRefusedInProduction() {
        String account = gateway.createAccount("enterprise", 100_000);
        String key = gateway.createKey(account, "live", "webhook:write").get("key").asString();

        Reply reply = gateway.call("POST", "/v1/webhooks", key, Map.of("url",
                "https://receiver-" + UUID.randomUUID() + ".invalid/hook", "events",
                List.of("subscriber.added")));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asString()).isEqualTo("url host cannot be resolved");
    }
}
