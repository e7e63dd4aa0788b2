package ai.migma.gateway.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.time.Duration;

/**
 * A {@link BucketStore} over any Bucket4j {@link ProxyManager}: Caffeine for the local backend, Lettuce for Redis.
 * Consumption and the figures for the headers come from one {@code tryConsumeAndReturnRemaining}, which the proxy
 * manager applies atomically (compare-and-swap in Redis), so racing requests never over-admit.
 */
final class ProxyBucketStore implements BucketStore {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final ProxyManager<String> buckets;
    private final String keyPrefix;

    ProxyBucketStore(ProxyManager<String> buckets, String keyPrefix) {
        this.buckets = buckets;
        this.keyPrefix = keyPrefix;
    }

    @Override
    public RateLimitDecision tryConsume(String bucket, String policy, long limit, long version) {
        ConsumptionProbe probe = bucket(bucket, limit, version).tryConsumeAndReturnRemaining(1);
        return new RateLimitDecision(probe.isConsumed(), policy, limit, probe.getRemainingTokens(),
                probe.getNanosToWaitForReset(), probe.getNanosToWaitForRefill());
    }

    @Override
    public void refund(String bucket, long limit, long version) {
        bucket(bucket, limit, version).addTokens(1);
    }

    private BucketProxy bucket(String bucket, long limit, long version) {
        // ADDITIVE: a plan change moves the capacity but keeps what was spent (3 of 10 left becomes 93 of 100).
        return buckets.builder()
                .withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.ADDITIVE)
                .build(keyPrefix + bucket, () -> configuration(limit));
    }

    private static BucketConfiguration configuration(long limit) {
        return BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit).refillGreedy(limit, MINUTE))
                .build();
    }
}
