package ai.migma.gateway.ratelimit;

import ai.migma.gateway.support.TestServices;
import java.util.List;
import java.util.Map;

/**
 * {@link RedisSharedBudgetTest}'s exact shared budget, plan change and outage (every master paused), on the test
 * Redis Cluster: buckets spread over its masters by their account's hash slot.
 */
class RedisClusterSharedBudgetTest extends RedisSharedBudgetTest {

    @Override
    Map<String, String> redisSettings() {
        // The standalone URL points nowhere on purpose: with cluster nodes set it must not be read.
        return Map.of("migma.rate-limit.redis-cluster-nodes", TestServices.redisClusterNodes(),
                "spring.data.redis.url", "redis://127.0.0.1:1");
    }

    @Override
    List<String> redisServers() {
        return List.of(TestServices.redisClusterNodes().split(","));
    }
}
