package ai.migma.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayInstance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two gateway instances on one database, each with its own key cache: a revocation or a permission change made
 * through one reaches the other's cache within a second, long before the cache's own lifetime would.
 */
class RevocationAcrossInstancesTest {

    @Test
    void keyRevokedThroughOneInstanceIsRefusedByTheOtherWithinOneSecond() throws InterruptedException {
        Map<String, String> longCache = Map.of("migma.cache.ttl", "10m");
        try (GatewayInstance a = GatewayInstance.start(longCache);
                GatewayInstance b = GatewayInstance.start(longCache)) {
            GatewayClient admin = a.client();
            String account = admin.createAccount("pro", null);
            JsonNode key = admin.createKey(account, "test");
            String text = key.get("key").asString();
            assertThat(b.client().getWithKey("/v1/projects", text).status()).isEqualTo(200);

            admin.admin("PATCH", "/admin/v1/accounts/" + account + "/api-keys/" + key.get("id").asString(),
                    Map.of("permissions", List.of("webhook:read")));
            assertThat(waitForStatus(b.client(), "/v1/webhooks", text, 200)).isLessThan(1_000);

            admin.admin("DELETE", "/admin/v1/accounts/" + account + "/api-keys/" + key.get("id").asString(), null);
            assertThat(waitForStatus(b.client(), "/v1/projects", text, 401)).isLessThan(1_000);
        }
    }

    /** Milliseconds until {@code path} answers {@code status}, polling; fails after 5 s. */
    private static long waitForStatus(GatewayClient client, String path, String key, int status)
            throws InterruptedException {
        long start = System.nanoTime();
        while (client.getWithKey(path, key).status() != status) {
            if (System.nanoTime() - start > 5_000_000_000L) {
                throw new AssertionError(path + " never answered " + status);
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
