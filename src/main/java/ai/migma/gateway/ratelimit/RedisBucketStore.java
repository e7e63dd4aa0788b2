package ai.migma.gateway.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce.LettuceBasedProxyManagerBuilder;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;

/**
 * Buckets in Redis, shared by every gateway instance: one Redis, or a Redis Cluster. The connection is opened on
 * first use and again after it could not be, so a gateway starts and serves (from local buckets) while Redis is
 * down. Commands fail fast rather than queue while Redis is unreachable: a request must never wait on a dead store.
 */
final class RedisBucketStore extends BucketFinder implements AutoCloseable {

    /** Before every bucket's name; names keep an account's buckets in one cluster hash slot (see RateLimiter). */
    static final String KEY_PREFIX = "migma:rl:";

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    /** Opens a connection and the Bucket4j builder on it; the two kinds of client have no common connect. */
    private interface Connector {
        Connected connect();
    }

    private record Connected(StatefulConnection<String, byte[]> connection,
            LettuceBasedProxyManagerBuilder<String> buckets) {
    }

    private final AbstractRedisClient client;
    private final String location;
    private final Connector connector;
    private final long maximumBuckets;
    private volatile StatefulConnection<String, byte[]> connection;
    private volatile ProxyBucketStore buckets;

    private RedisBucketStore(AbstractRedisClient client, String location, Connector connector, long maximumBuckets) {
        this.client = client;
        this.location = location;
        this.connector = connector;
        this.maximumBuckets = maximumBuckets;
    }

    /** On the one Redis at {@code url}. */
    static RedisBucketStore standalone(String url, Duration timeout, long maximumBuckets) {
        RedisClient client = RedisClient.create(url);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        return new RedisBucketStore(client, "Redis at SPRING_DATA_REDIS_URL", () -> {
            StatefulRedisConnection<String, byte[]> connection = client.connect(CODEC);
            return new Connected(connection, Bucket4jLettuce.casBasedBuilder(connection));
        }, maximumBuckets);
    }

    /**
     * On the Redis Cluster that {@code nodes} (seeds) belong to. Each bucket is one key, so each command goes to
     * the one master owning the key's slot. The topology is refreshed when Lettuce meets a redirection or a
     * failed node (adaptive triggers) and every half minute, so a master that died, or one that took over its
     * slots, is noticed without a restart.
     */
    static RedisBucketStore cluster(List<String> nodes, Duration timeout, long maximumBuckets) {
        RedisClusterClient client = RedisClusterClient.create(nodes.stream().map(RedisURI::create).toList());
        client.setOptions(ClusterClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .enablePeriodicRefresh(Duration.ofSeconds(30))
                        .build())
                .build());
        return new RedisBucketStore(client, "the Redis Cluster at MIGMA_RATE_LIMIT_REDIS_CLUSTER_NODES", () -> {
            StatefulRedisClusterConnection<String, byte[]> connection = client.connect(CODEC);
            return new Connected(connection, Bucket4jLettuce.casBasedBuilder(connection));
        }, maximumBuckets);
    }

    /** Where the operator finds this Redis: the setting that names it. */
    String location() {
        return location;
    }

    @Override
    Bucket bucket(String name, long limit, long version) {
        return buckets().bucket(name, limit, version);
    }

    private ProxyBucketStore buckets() {
        ProxyBucketStore current = buckets;
        return current != null ? current : connect();
    }

    private synchronized ProxyBucketStore connect() {
        if (buckets == null) {
            Connected connected = connector.connect();
            connection = connected.connection();
            // Idle buckets leave Redis once they would be full again: nothing is kept for clients that went away.
            buckets = new ProxyBucketStore(connected.buckets()
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                            Duration.ofSeconds(10)))
                    .build(), KEY_PREFIX, maximumBuckets);
        }
        return buckets;
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown();
    }
}
