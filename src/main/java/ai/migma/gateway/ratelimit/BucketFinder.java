package ai.migma.gateway.ratelimit;

import io.github.bucket4j.Bucket;

/** A {@link BucketStore} whose buckets are Bucket4j {@link Bucket}s found by name, limit and version. */
abstract class BucketFinder implements BucketStore {

    /** The bucket {@code name}, created with {@code limit}, or reconfigured to it if {@code version} is newer. */
    abstract Bucket bucket(String name, long limit, long version);

    @Override
    public final RateLimitDecision tryConsume(String bucket, String policy, long limit, long version) {
        return Buckets.consume(bucket(bucket, limit, version), policy, limit);
    }

    @Override
    public final void refund(String bucket, long limit, long version) {
        bucket(bucket, limit, version).addTokens(1);
    }
}
