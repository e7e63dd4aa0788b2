package ai.migma.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayProcess;
import ai.migma.gateway.support.TestServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar as a real process: requests made just before a SIGTERM are in the usage statistics after a
 * restart. The flush interval is an hour, so only the shutdown flush can have written them.
 */
class UsageSurvivesSigtermIT {

    @Test
    void requestsJustBeforeSigtermArePresentAfterARestart() throws Exception {
        String account;
        String keyId;
        try (GatewayProcess first = start("first")) {
            GatewayClient gateway = first.client();
            account = gateway.createAccount("pro", null);
            JsonNode key = gateway.createKey(account, "test");
            keyId = key.get("id").asString();
            for (int i = 0; i < 7; i++) {
                assertThat(gateway.getWithKey("/v1/projects", key.get("key").asString()).status()).isEqualTo(200);
            }
            first.stop();
        }

        try (GatewayProcess second = start("second")) {
            JsonNode data = second.client().admin("GET", "/admin/v1/accounts/" + account + "/api-keys/" + keyId
                    + "/usage?granularity=day", null).json().get("data");
            assertThat(data.get("totalRequests").asLong()).isEqualTo(7);
            assertThat(data.at("/usage/0/success").asLong()).isEqualTo(7);
        }
    }

    private static GatewayProcess start(String name) {
        Map<String, String> database = TestServices.database();
        return GatewayProcess.start(List.of(), GatewayProcess.JAR, List.of(), Map.of(
                "SPRING_DATASOURCE_URL", database.get("spring.datasource.url"),
                "SPRING_DATASOURCE_USERNAME", database.get("spring.datasource.username"),
                "SPRING_DATASOURCE_PASSWORD", database.get("spring.datasource.password"),
                "MIGMA_USAGE_FLUSH_INTERVAL", "1h"), Path.of("target/sigterm-it-" + name + ".log"));
    }
}
