package ai.migma.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/** A {@link BucketStore} whose buckets are Bucket4j {@link Bucket}s found by name, limit and version. */
abstract class BucketFinder implements BucketStore {

    /** The bucket {@code name}, created with {@code limit}, or reconfigured to it if {@code version} is newer. */
    abstract Bucket bucket(String name, long limit, long version);

    /**
     * A bounded cache whose entries go after {@code idle} without a read. Expiry after access puts every read in
     * Caffeine's read buffer, and a full buffer is drained by a task handed to the executor: by default the common
     * pool, which costs a thread wake-up (a futex call) every few dozen requests on the hot path, more than the drain
     * itself. Drained on the reading thread instead; nothing here loads or listens, so nothing else runs there.
     */
    static <V> Cache<String, V> idleExpiringCache(long maximumSize, Duration idle) {
        return Caffeine.newBuilder().maximumSize(maximumSize).expireAfterAccess(idle).executor(Runnable::run).build();
    }

    @Override
    public final RateLimitDecision tryConsume(String bucket, String policy, long limit, long version) {
        return Buckets.consume(bucket(bucket, limit, version), policy, limit);
    }

    @Override
    public final void refund(String bucket, long limit, long version) {
        bucket(bucket, limit, version).addTokens(1);
    }
}
