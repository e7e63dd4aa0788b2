package ai.migma.gateway.ratelimit;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where buckets live ({@code migma.rate-limit.*}, e.g. {@code MIGMA_RATE_LIMIT_BACKEND}).
 *
 * @param backend {@code local}: in this process, {@code redis}: shared by every instance on one Redis
 *     ({@code SPRING_DATA_REDIS_URL}), {@code off}: no rate limiting at all (for benchmarks)
 * @param localMaximumBuckets buckets kept in memory at most; a bucket also leaves once it has refilled, so only
 *     clients active in the last minute take room
 * @param redisTimeout how long one Redis call may take before the request falls back to a local bucket
 * @param redisRetryInterval after a Redis failure, how long requests use local buckets before Redis is tried again
 * @param redisClusterNodes seeds of a Redis Cluster ({@code redis://host:port}, comma-separated in the
 *     environment); when set, the redis backend uses the cluster and {@code SPRING_DATA_REDIS_URL} is not read
 * @param redisLeaseMaximum most spare tokens an instance takes from a Redis bucket at once, to spend without asking
 *     again (at most a 1,024th of what the bucket has left; {@link LeasingBucketStore}); 0: every request asks Redis
 */
@ConfigurationProperties("migma.rate-limit")
public record RateLimitProperties(@DefaultValue("local") Backend backend,
        @DefaultValue("1000000") long localMaximumBuckets, @DefaultValue("500ms") Duration redisTimeout,
        @DefaultValue("5s") Duration redisRetryInterval, @DefaultValue List<String> redisClusterNodes,
        @DefaultValue("1000") long redisLeaseMaximum) {

    public enum Backend {
        LOCAL, REDIS, OFF
    }

    public RateLimitProperties {
        if (redisLeaseMaximum < 0) {
            throw new IllegalArgumentException("migma.rate-limit.redis-lease-maximum must be 0 (no leases) or more, not "
                    + redisLeaseMaximum);
        }
        // Blanks dropped: a trailing comma, or an empty variable, names no node.
        redisClusterNodes = redisClusterNodes.stream().map(String::strip).filter(node -> !node.isEmpty()).toList();
        // Checked here, at startup: Lettuce would only find a bad seed on the first request, and then only say
        // that the cluster cannot be reached, which reads like an outage rather than a typo.
        redisClusterNodes.forEach(RateLimitProperties::checkNode);
    }

    private static void checkNode(String node) {
        URI uri;
        try {
            uri = URI.create(node);
        } catch (IllegalArgumentException malformed) {
            uri = null;
        }
        if (uri == null || !("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme()))
                || uri.getHost() == null || uri.getPort() < 1) {
            // Only what follows an '@': a seed may carry a password, which must not reach the log.
            throw new IllegalArgumentException("migma.rate-limit.redis-cluster-nodes: '"
                    + node.substring(node.lastIndexOf('@') + 1) + "' is not a redis://host:port (or rediss://)"
                    + " URI; give the cluster's nodes as e.g. redis://10.0.0.1:7001,redis://10.0.0.2:7001");
        }
    }
}
