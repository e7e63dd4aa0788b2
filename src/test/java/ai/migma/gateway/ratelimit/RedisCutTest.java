package ai.migma.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayInstance;
import ai.migma.gateway.support.TcpRelay;
import ai.migma.gateway.support.TestServices;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real Redis behind a relay the test closes: no 5xx, headers kept, health degraded, Redis used again after. */
class RedisCutTest {

    @Test
    void servesThroughAClosedRedisAndUsesItAgainWhenItReturns() throws Exception {
        URI redis = URI.create(TestServices.redisUrl());
        try (TcpRelay relay = new TcpRelay(redis.getHost(), redis.getPort());
                GatewayInstance gateway = GatewayInstance.start(Map.of("migma.rate-limit.backend", "redis",
                        "spring.data.redis.url", "redis://127.0.0.1:" + relay.port(),
                        "migma.rate-limit.redis-timeout", "300ms", "migma.rate-limit.redis-retry-interval", "500ms"))) {
            GatewayClient client = gateway.client();
            String key = client.createKey(client.createAccount("pro", null), "test").get("key").asString();
            assertThat(client.getWithKey("/v1/projects", key).status()).isEqualTo(200);
            assertThat(degraded(client)).isFalse();

            relay.cut();
            for (int i = 0; i < 5; i++) {
                Reply reply = client.getWithKey("/v1/projects", key);
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("100");
            }
            assertThat(degraded(client)).isTrue();

            relay.restore();
            // Lettuce reconnects with a growing back-off (capped at 30 s); after a short outage it is quick.
            long deadline = System.nanoTime() + 40_000_000_000L;
            while (degraded(client)) {
                assertThat(System.nanoTime()).as("Redis in use again within 40 s").isLessThan(deadline);
                assertThat(client.getWithKey("/v1/projects", key).status()).isEqualTo(200);
                Thread.sleep(200);
            }
        }
    }

    private static boolean degraded(GatewayClient client) {
        return client.health().json().at("/components/rateLimit/details/degraded").asBoolean();
    }
}
