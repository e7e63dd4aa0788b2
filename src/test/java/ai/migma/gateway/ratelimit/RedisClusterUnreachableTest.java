package ai.migma.gateway.ratelimit;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayTest;

/** {@link RedisUnreachableTest} with cluster nodes that nothing listens on: the warning names the cluster setting. */
@GatewayTest(properties = {"migma.admin-token=" + GatewayClient.ADMIN_TOKEN, "migma.rate-limit.backend=redis",
        "migma.rate-limit.redis-cluster-nodes=redis://127.0.0.1:1,redis://127.0.0.1:2",
        "migma.rate-limit.redis-timeout=200ms"})
class RedisClusterUnreachableTest extends RedisUnreachableTest {

    @Override
    String advice() {
        return "Start the Redis Cluster at MIGMA_RATE_LIMIT_REDIS_CLUSTER_NODES, or set MIGMA_RATE_LIMIT_BACKEND=local";
    }
}
