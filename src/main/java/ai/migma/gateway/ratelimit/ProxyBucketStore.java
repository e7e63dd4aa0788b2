package ai.migma.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import java.time.Duration;

/**
 * A {@link BucketStore} over a Bucket4j {@link ProxyManager} (Lettuce, for Redis). Consumption and the figures for
 * the headers come from one {@code tryConsumeAndReturnRemaining}, which the proxy manager applies atomically with
 * compare-and-swap, so racing requests never over-admit.
 *
 * <p>Requests racing for one bucket would mostly lose their compare-and-swap and retry; with Bucket4j's batching
 * they are combined into one remote command instead, each still getting its own exact answer. Batching lives in
 * the proxy object, so proxies are kept (bounded, per bucket and configuration version).
 */
final class ProxyBucketStore extends BucketFinder {

    private final ProxyManager<String> buckets;
    private final String keyPrefix;
    private final Cache<String, Versioned> batchingProxies;

    private record Versioned(long version, long limit, BucketProxy bucket) {
    }

    ProxyBucketStore(ProxyManager<String> buckets, String keyPrefix, long maximumBuckets) {
        this.buckets = buckets;
        this.keyPrefix = keyPrefix;
        this.batchingProxies = idleExpiringCache(maximumBuckets, Duration.ofMinutes(2));
    }

    @Override
    BucketProxy bucket(String bucket, long limit, long version) {
        Versioned cached = batchingProxies.getIfPresent(bucket);
        if (cached == null || cached.version() != version || cached.limit() != limit) {
            cached = new Versioned(version, limit, proxy(bucket, limit, version));
            batchingProxies.put(bucket, cached);
        }
        return cached.bucket();
    }

    private BucketProxy proxy(String bucket, long limit, long version) {
        // ADDITIVE: a plan change moves the capacity but keeps what was spent (3 of 10 left becomes 93 of 100).
        return buckets.builder()
                .withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.ADDITIVE)
                .withOptimization(Optimizations.batching())
                .build(keyPrefix + bucket, () -> Buckets.configuration(limit));
    }
}
