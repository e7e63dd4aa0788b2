package ai.migma.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.TestServices;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Leases over real Redis buckets: fewer asks, never more admitted than the shared budget. */
class LeasingBucketStoreTest {

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final String bucket = "lease-test:" + UUID.randomUUID();

    /** Counts how often a request thread had to ask Redis. */
    private static final class CountingFinder extends BucketFinder {
        final RedisBucketStore redis;
        final AtomicInteger asks = new AtomicInteger();

        CountingFinder(RedisBucketStore redis) {
            this.redis = redis;
        }

        @Override
        Bucket bucket(String name, long limit, long version) {
            asks.incrementAndGet();
            return redis.bucket(name, limit, version);
        }
    }

    private RedisBucketStore redis() {
        RedisBucketStore redis = RedisBucketStore.standalone(TestServices.redisUrl(), Duration.ofSeconds(2), 1000);
        opened.add(redis);
        return redis;
    }

    private LeasingBucketStore instance(CountingFinder finder) {
        LeasingBucketStore store = new LeasingBucketStore(finder, 1000, 1000);
        opened.add(store);
        return store;
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void aBucketFarFromItsLimitIsAskedOncePerLeaseNotPerRequest() {
        CountingFinder redis = new CountingFinder(redis());
        LeasingBucketStore store = instance(redis);
        long limit = 10_000_000;
        for (int i = 0; i < 5_000; i++) {
            RateLimitDecision decision = store.tryConsume(bucket, "account", limit, 1);
            assertThat(decision.allowed()).isTrue();
            // Within one lease Remaining counts down by one; at the next ask it catches up with the refill.
            assertThat(decision.remaining()).isBetween(limit - i - 1_001, limit);
        }
        // The first request asks alone; each lease after it holds min(1,000, 10^7/1,024) spare tokens.
        assertThat(redis.asks.get()).isBetween(2, 10);
    }

    @Test
    void aBucketNearItsLimitIsAskedForEveryRequestAndRefusesExactlyAcrossInstances() {
        CountingFinder first = new CountingFinder(redis());
        CountingFinder second = new CountingFinder(redis());
        LeasingBucketStore one = instance(first);
        LeasingBucketStore other = instance(second);
        List<Long> remaining = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RateLimitDecision decision = (i % 2 == 0 ? one : other).tryConsume(bucket, "account", 10, 1);
            assertThat(decision.allowed()).isTrue();
            remaining.add(decision.remaining());
        }
        assertThat(remaining).containsExactly(9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L, 0L);
        RateLimitDecision refused = one.tryConsume(bucket, "account", 10, 1);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.nanosToRetry()).isPositive();
        assertThat(other.tryConsume(bucket, "account", 10, 1).allowed()).isFalse();
        assertThat(first.asks.get() + second.asks.get()).as("every request asked Redis").isEqualTo(12);
    }

    @Test
    void instancesRacingForOneBudgetNeverAdmitMoreThanItHolds() throws Exception {
        LeasingBucketStore one = instance(new CountingFinder(redis()));
        LeasingBucketStore other = instance(new CountingFinder(redis()));
        long limit = 200_000;
        AtomicLong admitted = new AtomicLong();
        long started = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> racers = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                LeasingBucketStore store = t % 2 == 0 ? one : other;
                racers.add(threads.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        if (store.tryConsume(bucket, "account", limit, 1).allowed()) {
                            admitted.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> racer : racers) {
                racer.get();
            }
        } finally {
            threads.shutdown();
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        long refilled = (long) Math.ceil(limit * minutes);
        // 320,000 attempts on 200,000 tokens: never more than the budget and what it refilled meanwhile; and no
        // fewer than the budget, less what the last leases of the two instances could still hold.
        assertThat(admitted.get()).isLessThanOrEqualTo(limit + refilled)
                .isGreaterThanOrEqualTo(limit - 2 * (limit / LeasingBucketStore.SHARE));
    }

    @Test
    void unusedLeasedTokensGoBackToTheSharedBucket() throws Exception {
        RedisBucketStore direct = redis();
        LeasingBucketStore store = instance(new CountingFinder(redis()));
        long limit = 1_100_000;
        direct.bucket(bucket + ":connect", limit, 1).tryConsumeAndReturnRemaining(1); // connected before timing
        store.tryConsume(bucket, "account", limit, 1);
        store.tryConsume(bucket, "account", limit, 1); // takes a lease of 1,000 spare tokens with it
        long leased = direct.bucket(bucket, limit, 1).tryConsumeAndReturnRemaining(1).getRemainingTokens();
        store.close();
        long returned = direct.bucket(bucket, limit, 1).tryConsumeAndReturnRemaining(1).getRemainingTokens();
        // The greedy refill adds about 18 tokens a millisecond here: the lease's 1,000 stand out of it either way.
        assertThat(leased).isLessThan(limit - 500);
        assertThat(returned).isGreaterThan(limit - 100);
    }
}
