package ai.migma.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayInstance;
import ai.migma.gateway.support.TestServices;
import ai.migma.gateway.support.TestUpstream;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two gateway instances on one Redis enforce one exact budget, even when 50 clients race across both, and go
 * through a Redis outage (all clients paused) without a failed request, using Redis again once it answers.
 * {@link RedisClusterSharedBudgetTest} runs the same on a Redis Cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisSharedBudgetTest {

    GatewayInstance first;
    GatewayInstance second;
    /** Behind a proxy route with a budget of its own, shared like the plan's. */
    final TestUpstream upstream = new TestUpstream();

    /** Where the instances keep their buckets: the settings naming the store. */
    Map<String, String> redisSettings() {
        return Map.of("spring.data.redis.url", TestServices.redisUrl());
    }

    /** Every Redis server holding buckets, for pausing them all. */
    List<String> redisServers() {
        return List.of(TestServices.redisUrl());
    }

    /**
     * Before each test rather than all: without Redis each test is then reported as skipped, with the reason,
     * where an aborted {@code @BeforeAll} hid all three ("Tests run: 0").
     */
    @BeforeEach
    void startTwoInstancesOnce() {
        Map<String, String> redis = new HashMap<>(redisSettings());
        if (first != null) {
            return;
        }
        redis.putAll(Map.of("migma.rate-limit.backend", "redis", "migma.rate-limit.redis-timeout", "200ms",
                "migma.rate-limit.redis-retry-interval", "500ms"));
        redis.putAll(Map.of("migma.proxy.routes[0].id", "metered", "migma.proxy.routes[0].path", "/metered/**",
                "migma.proxy.routes[0].uri", "http://127.0.0.1:" + upstream.port() + "/api",
                "migma.proxy.routes[0].limit-per-minute", "6"));
        first = GatewayInstance.start(redis);
        second = GatewayInstance.start(redis);
    }

    @AfterAll
    void stopInstances() {
        upstream.close();
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void twoInstancesShareOneExactBudgetUnderConcurrency() throws Exception {
        // 30 a minute: one token every 2 s, so refill during the burst is measured, not assumed away.
        GatewayClient admin = first.client();
        String key = admin.createKey(admin.createAccount("enterprise", 30), "test").get("key").asString();
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            long started = System.nanoTime();
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                GatewayClient instance = i % 2 == 0 ? first.client() : second.client();
                replies.add(clients.submit(() -> instance.getWithKey("/v1/projects", key)));
            }
            int admitted = 0;
            for (Future<Reply> future : replies) {
                Reply reply = future.get();
                assertThat(reply.status()).isIn(200, 429);
                assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("30");
                admitted += reply.status() == 200 ? 1 : 0;
            }
            long refilledDuringBurst = (System.nanoTime() - started) / 2_000_000_000L;
            assertThat(admitted).isBetween(30, 30 + (int) refilledDuringBurst);
        } finally {
            clients.shutdownNow();
        }
        assertRedisInUse(first.client());
        assertRedisInUse(second.client());
    }

    @Test
    void aProxyRoutesOwnBudgetIsOneAcrossInstancesAndOnlyWhatItAdmitsReachesTheUpstream() throws Exception {
        // 6 a minute: one token every 10 s. A pro plan (100) leaves the route's budget the one that decides.
        GatewayClient admin = first.client();
        String key = admin.createKey(admin.createAccount("pro", null), "test").get("key").asString();
        upstream.forget();
        ExecutorService clients = Executors.newFixedThreadPool(20);
        int admitted = 0;
        try {
            long started = System.nanoTime();
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                GatewayClient instance = i % 2 == 0 ? first.client() : second.client();
                replies.add(clients.submit(() -> instance.getWithKey("/metered/thing", key)));
            }
            for (Future<Reply> future : replies) {
                Reply reply = future.get();
                assertThat(reply.status()).isIn(200, 429);
                admitted += reply.status() == 200 ? 1 : 0;
                if (reply.status() == 429) {
                    assertThat(reply.header("RateLimit-Policy")).startsWith("\"route\";q=6");
                }
            }
            long refilledDuringBurst = (System.nanoTime() - started) / 10_000_000_000L;
            assertThat(admitted).isBetween(6, 6 + (int) refilledDuringBurst);
        } finally {
            clients.shutdownNow();
        }
        assertThat(upstream.seen()).hasSize(admitted);
    }

    @Test
    void aPlanChangeMadeThroughOneInstanceReachesTheSharedBucket() {
        GatewayClient admin = first.client();
        String account = admin.createAccount("free", null);
        String key = admin.createKey(account, "test").get("key").asString();
        for (int i = 0; i < 3; i++) {
            second.client().getWithKey("/v1/projects", key);
        }
        admin.admin("PATCH", "/admin/v1/accounts/" + account, Map.of("plan", "pro"));

        Reply upgraded = first.client().getWithKey("/v1/projects", key);

        assertThat(upgraded.header("X-RateLimit-Limit")).isEqualTo("100");
        assertThat(Integer.parseInt(upgraded.header("X-RateLimit-Remaining"))).isBetween(96, 97);
    }

    @Test
    void servesThroughARedisOutageAndUsesRedisAgainWhenItAnswers() throws InterruptedException {
        GatewayClient gateway = first.client();
        String key = gateway.createKey(gateway.createAccount("pro", null), "test").get("key").asString();
        assertThat(gateway.getWithKey("/v1/projects", key).status()).isEqualTo(200);
        assertRedisInUse(gateway);

        for (String server : redisServers()) {
            try (RedisClient client = RedisClient.create(server);
                    StatefulRedisConnection<String, String> connection = client.connect()) {
                connection.sync().clientPause(1500);
            }
        }
        Reply duringOutage = gateway.getWithKey("/v1/projects", key);
        assertThat(duringOutage.status()).isEqualTo(200);
        assertThat(duringOutage.header("X-RateLimit-Limit")).isEqualTo("100");
        assertThat(gateway.health().json().at("/components/rateLimit/details/degraded").asBoolean())
                .isTrue();

        // Redis answers again after its pause; the next attempt (every 500 ms here) finds it.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            assertThat(gateway.getWithKey("/v1/projects", key).status()).isEqualTo(200);
            Thread.sleep(100);
        } while (gateway.health().json().at("/components/rateLimit/details/degraded").asBoolean()
                && System.nanoTime() < deadline);
        assertRedisInUse(gateway);
    }

    private static void assertRedisInUse(GatewayClient instance) {
        Reply health = instance.health();
        assertThat(health.json().at("/components/rateLimit/details/backend").asString()).isEqualTo("redis");
        assertThat(health.json().at("/components/rateLimit/details/degraded").asBoolean()).isFalse();
    }
}
