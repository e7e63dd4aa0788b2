package ai.migma.gateway.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;

/**
 * Buckets in Redis, shared by every gateway instance. The connection is opened on first use and again after it
 * could not be, so a gateway starts and serves (from local buckets) while Redis is down. Commands fail fast
 * rather than queue while Redis is unreachable: a request must never wait on a dead store.
 */
final class RedisBucketStore extends BucketFinder implements AutoCloseable {

    private final RedisClient client;
    private final long maximumBuckets;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile ProxyBucketStore buckets;

    RedisBucketStore(String url, Duration timeout, long maximumBuckets) {
        this.client = RedisClient.create(url);
        this.maximumBuckets = maximumBuckets;
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
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
            connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            // Idle buckets leave Redis once they would be full again: nothing is kept for clients that went away.
            buckets = new ProxyBucketStore(Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                            Duration.ofSeconds(10)))
                    .build(), "migma:rl:", maximumBuckets);
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
