package ai.migma.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.local.SynchronizationStrategy;
import java.time.Duration;

/**
 * Buckets in this process: plain Bucket4j local buckets, synchronized (the lock-free kind copies its state on
 * every consumption), in a bounded Caffeine cache. A bucket untouched for a little over a minute is full again, so
 * dropping it then and making a new, full one later changes nothing a client can see; memory holds only clients
 * active in the last minute, and never more than the maximum.
 */
final class LocalBucketStore extends BucketFinder {

    /** A minute refills any bucket completely; the margin covers rounding. */
    private static final Duration IDLE_UNTIL_FULL = Duration.ofSeconds(61);

    private final Cache<String, Versioned> buckets;
    private final TimeMeter time;

    private record Versioned(long version, long limit, Bucket bucket) {

        boolean matches(long version, long limit) {
            return this.version >= version && (this.version > version || this.limit == limit);
        }
    }

    LocalBucketStore(long maximumBuckets) {
        this(maximumBuckets, TimeMeter.SYSTEM_MILLISECONDS);
    }

    /** With the buckets' time read from {@code time}: a test's settable clock instead of the system's. */
    LocalBucketStore(long maximumBuckets, TimeMeter time) {
        this.buckets = idleExpiringCache(maximumBuckets, IDLE_UNTIL_FULL);
        this.time = time;
    }

    @Override
    Bucket bucket(String name, long limit, long version) {
        Versioned current = buckets.getIfPresent(name);
        if (current == null) {
            // Only now the lambda that captures the figures: on the hot path the bucket exists.
            current = buckets.get(name, key -> new Versioned(version, limit, newBucket(limit)));
        }
        if (current.matches(version, limit)) {
            return current.bucket();
        }
        // A newer plan or key limit: swap the configuration in place, atomically per bucket, keeping what was spent.
        return buckets.asMap().compute(name, (key, old) -> {
            if (old == null) {
                return new Versioned(version, limit, newBucket(limit));
            }
            if (old.matches(version, limit)) {
                return old;
            }
            old.bucket().replaceConfiguration(Buckets.configuration(limit), TokensInheritanceStrategy.ADDITIVE);
            return new Versioned(version, limit, old.bucket());
        }).bucket();
    }

    private Bucket newBucket(long limit) {
        return Bucket.builder().addLimit(Buckets.bandwidth(limit)).withCustomTimePrecision(time)
                .withSynchronizationStrategy(SynchronizationStrategy.SYNCHRONIZED).build();
    }
}
