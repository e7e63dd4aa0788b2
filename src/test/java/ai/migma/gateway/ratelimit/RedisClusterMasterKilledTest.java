package ai.migma.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayInstance;
import ai.migma.gateway.support.TestServices;
import ai.migma.gateway.support.ThrowawayRedisCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The master owning an account's slot is killed (SIGKILL) while that account's requests run, on a throwaway
 * cluster of the test's own (ports 7101-7103), so the shared one stays whole for the other tests. The Redis outage
 * contract holds: no 5xx, every request answered and still limited (by this instance's own buckets, at the
 * account's full budget), health degraded; when the master is back, the cluster is used again.
 */
class RedisClusterMasterKilledTest {

    /** Short, so that the test also sees the other masters declare the cluster down (they refuse everything). */
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);

    @Test
    void aMasterKilledMidRunDegradesToLocalBucketsWithoutA5xxAndTheClusterIsUsedAgainWhenItReturns()
            throws Exception {
        // Cluster tests run where a cluster is named (.ci/run): there, a missing redis-server fails the start below.
        TestServices.redisClusterNodes();
        try (ThrowawayRedisCluster cluster = ThrowawayRedisCluster.start(7101, NODE_TIMEOUT);
                GatewayInstance gateway = GatewayInstance.start(Map.of("migma.rate-limit.backend", "redis",
                        "migma.rate-limit.redis-cluster-nodes", cluster.nodes(),
                        "migma.rate-limit.redis-timeout", "300ms", "migma.rate-limit.redis-retry-interval", "500ms"))) {
            GatewayClient client = gateway.client();
            String account = client.createAccount("free", null);
            String key = client.createKey(account, "test").get("key").asString();
            for (int i = 1; i <= 3; i++) {
                assertThat(client.getWithKey("/v1/projects", key).header("X-RateLimit-Remaining"))
                        .isEqualTo(Integer.toString(10 - i));
            }
            assertThat(degraded(client)).isFalse();
            int master = cluster.masterOf(RedisBucketStore.KEY_PREFIX + "{" + account + "}:acct:test");

            List<Reply> afterKill = new CopyOnWriteArrayList<>();
            AtomicBoolean killed = new AtomicBoolean();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(4);
            for (int i = 0; i < 4; i++) {
                clients.submit(() -> {
                    while (running.get()) {
                        boolean late = killed.get();
                        Reply reply = client.getWithKey("/v1/projects", key);
                        if (late) {
                            afterKill.add(reply);
                        }
                        Thread.sleep(20);
                    }
                    return null;
                });
            }
            Thread.sleep(300);
            // Counted from just before the kill: waiting for the process to be gone takes a while, and the local
            // bucket's first answers come in that while.
            killed.set(true);
            cluster.kill(master);
            // Past the node timeout: first the dead master's slots fail, then the whole cluster reports itself down.
            Thread.sleep(NODE_TIMEOUT.multipliedBy(2).toMillis());
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            assertThat(afterKill).as("requests kept being answered").hasSizeGreaterThan(20);
            assertThat(afterKill).allSatisfy(reply -> {
                assertThat(reply.status()).isIn(200, 429);
                assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("10");
            });
            // This instance's own bucket starts full, so at most the budget again (and a token of refill).
            assertThat(afterKill.stream().filter(reply -> reply.status() == 200).count()).isBetween(1L, 11L);
            assertThat(afterKill).anySatisfy(reply -> assertThat(reply.status()).isEqualTo(429));
            assertThat(degraded(client)).isTrue();

            cluster.restart(master);
            // The killed master comes back with its slots (empty); Lettuce reconnects with a growing back-off.
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (degraded(client)) {
                assertThat(System.nanoTime()).as("the cluster in use again within 40 s").isLessThan(deadline);
                assertThat(client.getWithKey("/v1/projects", key).status()).isIn(200, 429);
                Thread.sleep(200);
            }
        }
    }

    private static boolean degraded(GatewayClient client) {
        return client.health().json().at("/components/rateLimit/details/degraded").asBoolean();
    }
}
