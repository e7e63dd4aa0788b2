package ai.migma.gateway.ratelimit;

import java.time.Duration;
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
 * @param redisLeaseMaximum most spare tokens an instance takes from a Redis bucket at once, to spend without asking
 *     again (at most a 1,024th of what the bucket has left; {@link LeasingBucketStore}); 0: every request asks Redis
 */
@ConfigurationProperties("migma.rate-limit")
public record RateLimitProperties(@DefaultValue("local") Backend backend,
        @DefaultValue("1000000") long localMaximumBuckets, @DefaultValue("500ms") Duration redisTimeout,
        @DefaultValue("5s") Duration redisRetryInterval, @DefaultValue("1000") long redisLeaseMaximum) {

    public RateLimitProperties {
        if (redisLeaseMaximum < 0) {
            throw new IllegalArgumentException("migma.rate-limit.redis-lease-maximum must be 0 (no leases) or more, not "
                    + redisLeaseMaximum);
        }
    }

    public enum Backend {
        LOCAL, REDIS, OFF
    }
}
