package ai.migma.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * With the redis backend and no Redis, requests are served and limited by local buckets: no 5xx, headers kept.
 * {@link RedisClusterUnreachableTest} does the same with no Redis Cluster.
 */
@ExtendWith(OutputCaptureExtension.class)
@GatewayTest(properties = {"migma.admin-token=" + GatewayClient.ADMIN_TOKEN, "migma.rate-limit.backend=redis",
        "spring.data.redis.url=redis://127.0.0.1:1", "migma.rate-limit.redis-timeout=200ms"})
class RedisUnreachableTest {

    @Autowired
    GatewayClient gateway;

    /** What the warning tells the operator to start. */
    String advice() {
        return "Start Redis at SPRING_DATA_REDIS_URL, or set MIGMA_RATE_LIMIT_BACKEND=local";
    }

    @Test
    void servesFromLocalBucketsWithHeadersAndNo5xx(CapturedOutput output) {
        String key = gateway.createKey(gateway.createAccount("free", null), "test").get("key").asString();

        for (int i = 1; i <= 10; i++) {
            Reply reply = gateway.getWithKey("/v1/projects", key);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("10");
            assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(10 - i));
        }
        Reply refused = gateway.getWithKey("/v1/projects", key);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();

        Reply health = gateway.health();
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().at("/components/rateLimit/details/degraded").asBoolean()).isTrue();
        // One line that says what to do, no stack trace.
        assertThat(output.toString()).contains(advice()).doesNotContain("\tat ");
    }
}
