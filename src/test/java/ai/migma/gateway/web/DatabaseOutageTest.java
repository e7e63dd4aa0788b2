package ai.migma.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayInstance;
import ai.migma.gateway.support.TcpRelay;
import ai.migma.gateway.support.TestServices;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The real PostgreSQL behind a relay that the test cuts: keys seen recently keep working, a key that cannot be
 * checked gets 503 (never 401 or 500), health says DOWN, usage counted meanwhile is written once the database is
 * back, and everything recovers without a restart.
 */
class DatabaseOutageTest {

    @Test
    void servesWarmKeysRefusesUncheckableOnesWith503AndRecoversWithoutRestart() throws Exception {
        Map<String, String> database = TestServices.database();
        URI target = URI.create(database.get("spring.datasource.url").substring("jdbc:".length()));
        try (TcpRelay relay = new TcpRelay(target.getHost(), target.getPort() == -1 ? 5432 : target.getPort());
                GatewayInstance gateway = GatewayInstance.start(Map.of(
                        "spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + relay.port() + target.getPath()
                                + (target.getQuery() == null ? "" : "?" + target.getQuery()),
                        "spring.datasource.hikari.connection-timeout", "500",
                        "migma.usage.flush-interval", "200ms"))) {
            GatewayClient client = gateway.client();
            String account = client.createAccount("pro", null);
            JsonNode warm = client.createKey(account, "test");
            String warmKey = warm.get("key").asString();
            String coldKey = client.createKey(account, "test").get("key").asString();
            assertThat(client.getWithKey("/v1/nothing", warmKey).status()).isEqualTo(404);

            relay.cut();

            for (int i = 0; i < 3; i++) {
                Reply served = client.getWithKey("/v1/nothing", warmKey);
                assertThat(served.status()).isEqualTo(404);
                assertThat(served.header("X-RateLimit-Limit")).isEqualTo("100");
            }
            Reply uncheckable = client.getWithKey("/v1/nothing", coldKey);
            assertThat(uncheckable.status()).isEqualTo(503);
            assertThat(uncheckable.json().get("error").asString()).isEqualTo("Service unavailable");
            assertThat(uncheckable.json().get("code").asString()).isEqualTo("service_unavailable");
            assertThat(uncheckable.header("Retry-After")).isEqualTo("1");
            assertThat(client.get("/actuator/health").status()).isEqualTo(503);
            Reply admin = client.admin("GET", "/admin/v1/accounts/" + account, null);
            assertThat(admin.status()).isEqualTo(503);
            assertThat(admin.json().get("code").asString()).isEqualTo("service_unavailable");
            assertThat(admin.header("Retry-After")).isEqualTo("1");

            relay.restore();

            long deadline = System.nanoTime() + 15_000_000_000L;
            while (client.get("/actuator/health").status() != 200) {
                assertThat(System.nanoTime()).as("health back within 15 s").isLessThan(deadline);
                Thread.sleep(200);
            }
            assertThat(client.getWithKey("/v1/nothing", coldKey).status()).isEqualTo(404);
            long total = 0;
            while (total < 4 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                total = client.admin("GET", "/admin/v1/accounts/" + account + "/api-keys/"
                        + warm.get("id").asString(), null).json().at("/data/apiKey/totalRequests").asLong();
            }
            assertThat(total).as("the request before and the three during the outage").isEqualTo(4);
        }
    }
}
