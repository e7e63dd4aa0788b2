package ai.migma.gateway.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis first, this node's own buckets when Redis fails. Failing open (no limit) would invite abuse exactly when
 * the store is in trouble, and failing closed would turn a Redis outage into an API outage; local buckets keep
 * every node limited, each to the full budget, until Redis answers again. After a failure Redis is left alone for
 * the retry interval, so a dead Redis costs one timeout per interval, not one per request.
 */
final class FailoverBucketStore implements BucketStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FailoverBucketStore.class);

    private final BucketStore primary;
    private final BucketStore fallback;
    private final long retryIntervalNanos;
    private final String primaryLocation;
    private volatile long retryPrimaryAt;
    private volatile Instant degradedSince;

    /** {@code primaryLocation} says where the operator finds Redis, for the warning: a setting's name. */
    FailoverBucketStore(BucketStore primary, BucketStore fallback, Duration retryInterval, String primaryLocation) {
        this.primary = primary;
        this.fallback = fallback;
        this.retryIntervalNanos = retryInterval.toNanos();
        this.primaryLocation = primaryLocation;
    }

    @Override
    public RateLimitDecision tryConsume(String bucket, String policy, long limit, long version) {
        return call(store -> store.tryConsume(bucket, policy, limit, version));
    }

    @Override
    public void refund(String bucket, long limit, long version) {
        call(store -> {
            store.refund(bucket, limit, version);
            return null;
        });
    }

    /** When Redis last failed, if it has not answered since; {@code null} while it is in use. */
    Instant degradedSince() {
        return degradedSince;
    }

    @Override
    public void close() throws Exception {
        if (primary instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private <T> T call(Function<BucketStore, T> operation) {
        if (degradedSince != null && System.nanoTime() - retryPrimaryAt < 0) {
            return operation.apply(fallback);
        }
        try {
            T result = operation.apply(primary);
            if (degradedSince != null) {
                degradedSince = null;
                log.warn("Redis answers again: rate limits are shared across instances again");
            }
            return result;
        } catch (RuntimeException failure) {
            retryPrimaryAt = System.nanoTime() + retryIntervalNanos;
            if (degradedSince == null) {
                degradedSince = Instant.now();
                log.warn("Redis failed ({}): rate limits fall back to this instance's own buckets until it answers."
                        + " Start {}, or set MIGMA_RATE_LIMIT_BACKEND=local to keep limits per instance on purpose.",
                        failure.toString(), primaryLocation);
            }
            return operation.apply(fallback);
        }
    }
}
