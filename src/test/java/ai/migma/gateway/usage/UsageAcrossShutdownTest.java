package ai.migma.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayInstance;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Requests made just before shutdown are counted: closing the context is what the JVM's SIGTERM hook does, and
 * the usage flusher is stopped only after the web server has drained, then writes what it holds.
 */
class UsageAcrossShutdownTest {

    @Test
    void requestsJustBeforeShutdownArePresentAfterARestart() {
        // A flush interval far longer than the test: only the shutdown flush can write these counts.
        Map<String, String> rarelyFlushed = Map.of("migma.usage.flush-interval", "1h");
        String account;
        String keyId;
        try (GatewayInstance first = GatewayInstance.start(rarelyFlushed)) {
            GatewayClient gateway = first.client();
            account = gateway.createAccount("pro", null);
            JsonNode key = gateway.createKey(account, "test");
            keyId = key.get("id").asString();
            for (int i = 0; i < 9; i++) {
                gateway.getWithKey("/v1/projects", key.get("key").asString());
            }
        }
        try (GatewayInstance second = GatewayInstance.start(rarelyFlushed)) {
            JsonNode data = second.client().admin("GET", "/admin/v1/accounts/" + account + "/api-keys/" + keyId
                    + "/usage?granularity=day", null).json().get("data");
            assertThat(data.get("totalRequests").asLong()).isEqualTo(9);
            assertThat(data.at("/usage/0/success").asLong()).isEqualTo(9);
            assertThat(data.get("lastUsedAt").isString()).isTrue();
        }
    }
}
