package ai.migma.gateway.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/** The one bucket shape of docs/API.md ("Rate limits"), whichever store keeps it. */
final class Buckets {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private Buckets() {
    }

    /** Capacity {@code limit}, refilled greedily (continuously) at {@code limit} tokens a minute. */
    static Bandwidth bandwidth(long limit) {
        return Bandwidth.builder().capacity(limit).refillGreedy(limit, MINUTE).build();
    }

    static BucketConfiguration configuration(long limit) {
        return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
    }

    /** Takes one token and reads the figures for the headers in the same atomic step. */
    static RateLimitDecision consume(Bucket bucket, String policy, long limit) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new RateLimitDecision(probe.isConsumed(), policy, limit, probe.getRemainingTokens(),
                probe.getNanosToWaitForReset(), probe.getNanosToWaitForRefill());
    }
}
