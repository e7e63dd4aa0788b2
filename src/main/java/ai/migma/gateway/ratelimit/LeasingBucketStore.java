package ai.migma.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared buckets (Redis) that a request thread does not wait for on every request, without ever admitting more
 * than the shared budget. A request that finds no local token takes its own token from the shared bucket together
 * with a lease of spare ones, in the same atomic step; the requests after it spend the lease here. Tokens are taken
 * from the shared bucket before they are spent, so across all instances no more requests are admitted than the
 * budget allows, exactly as when every request asks.
 *
 * <p>Why: waiting for Redis is cheap, but a request thread that waits parks and is woken, and on two cores that
 * switch cost more than the whole rest of the request (docs/PERFORMANCE.md, "Redis"). A lease is at most
 * {@code 1/1024} of what the shared bucket had left at the last ask, and at most {@code maximum}: an account close
 * to its limit (fewer than 1,024 tokens left, which is every plan's budget near its end, and all of a small plan's)
 * asks the shared bucket for every request, so refusals are exact to the request on every instance. What a lease
 * changes is confined to accounts far from their limit: the {@code Remaining} a response reports counts the spare
 * tokens other instances hold as spent (at most 1/1024 of the remainder per instance), and a lease left unused is
 * given back when its bucket has been idle for {@link #IDLE}.
 */
final class LeasingBucketStore implements BucketStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeasingBucketStore.class);

    /** A lease is a 1,024th of what the shared bucket had left: the most another instance's report can be off. */
    static final int SHARE = 1024;
    static final Duration IDLE = Duration.ofSeconds(1);
    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    private final BucketFinder shared;
    private final long maximum;
    private final Cache<String, Lease> leases;

    /** Spare tokens of one bucket taken from the shared one, guarded by itself. */
    private static final class Lease {
        private final long limit;
        private final long version;
        private long tokens;
        /** What the shared bucket had left after the last ask, spare tokens of this lease not counted. */
        private long sharedRemaining;

        Lease(long limit, long version) {
            this.limit = limit;
            this.version = version;
        }

        boolean isFor(long limit, long version) {
            return this.limit == limit && this.version == version;
        }

        synchronized long takeOne() {
            if (tokens == 0) {
                return -1;
            }
            tokens--;
            return sharedRemaining + tokens;
        }

        synchronized long add(long spare, long remaining) {
            tokens += spare;
            sharedRemaining = remaining;
            return sharedRemaining + tokens;
        }

        synchronized void giveBackOne() {
            tokens++;
        }

        synchronized long drain() {
            long unused = tokens;
            tokens = 0;
            return unused;
        }

        synchronized long lastSharedRemaining() {
            return sharedRemaining;
        }
    }

    LeasingBucketStore(BucketFinder shared, long maximum, long maximumBuckets) {
        this.shared = shared;
        this.maximum = maximum;
        this.leases = Caffeine.newBuilder().maximumSize(maximumBuckets).expireAfterWrite(IDLE)
                .scheduler(Scheduler.systemScheduler())
                .<String, Lease>removalListener((bucket, lease, cause) -> giveBack(bucket, lease, cause))
                .build();
    }

    @Override
    public RateLimitDecision tryConsume(String bucket, String policy, long limit, long version) {
        Lease lease = leases.getIfPresent(bucket);
        if (lease != null && lease.isFor(limit, version)) {
            long remaining = lease.takeOne();
            if (remaining >= 0) {
                return admitted(policy, limit, remaining);
            }
        }
        return ask(bucket, policy, limit, version, lease);
    }

    @Override
    public void refund(String bucket, long limit, long version) {
        Lease lease = leases.getIfPresent(bucket);
        if (lease != null && lease.isFor(limit, version)) {
            // Taken from the shared bucket either way: kept here for the next request, as if it were spare.
            lease.giveBackOne();
        } else {
            shared.refund(bucket, limit, version);
        }
    }

    /** This request's token from the shared bucket, and with it a lease sized by what the bucket had left. */
    private RateLimitDecision ask(String bucket, String policy, long limit, long version, Lease known) {
        long spare = known == null || !known.isFor(limit, version) ? 0
                : Math.min(maximum, known.lastSharedRemaining() / SHARE);
        Bucket remote = shared.bucket(bucket, limit, version);
        ConsumptionProbe probe = remote.tryConsumeAndReturnRemaining(1 + spare);
        if (!probe.isConsumed() && spare > 0) {
            // Fewer left than the lease asked for: this request alone, exactly as without leases.
            spare = 0;
            probe = remote.tryConsumeAndReturnRemaining(1);
        }
        if (!probe.isConsumed()) {
            return new RateLimitDecision(false, policy, limit, probe.getRemainingTokens(),
                    probe.getNanosToWaitForReset(), probe.getNanosToWaitForRefill());
        }
        long granted = spare;
        long sharedRemaining = probe.getRemainingTokens();
        long[] remaining = new long[1];
        // Added inside compute, so that the spare tokens never land in a lease that has just expired.
        leases.asMap().compute(bucket, (name, current) -> {
            Lease lease = current != null && current.isFor(limit, version) ? current : new Lease(limit, version);
            remaining[0] = lease.add(granted, sharedRemaining);
            return lease;
        });
        return admitted(policy, limit, remaining[0]);
    }

    /**
     * Capped at the limit: the shared bucket refills while spare tokens wait here, so the two together can exceed it.
     * Greedy refill: a bucket missing {@code n} tokens is full again after {@code n/limit} of a minute.
     */
    private static RateLimitDecision admitted(String policy, long limit, long leftHere) {
        long remaining = Math.min(limit, leftHere);
        long missing = limit - remaining;
        long nanosToReset = (long) ((double) missing / limit * MINUTE_NANOS);
        return new RateLimitDecision(true, policy, limit, remaining, nanosToReset, 0);
    }

    /** An idle, replaced or evicted lease's unused tokens go back to the shared bucket, off the request threads. */
    private void giveBack(String bucket, Lease lease, RemovalCause cause) {
        if (bucket == null || lease == null) {
            return;
        }
        long unused = lease.drain();
        if (unused == 0) {
            return;
        }
        try {
            shared.bucket(bucket, lease.limit, lease.version).addTokens(unused);
        } catch (RuntimeException e) {
            // The shared bucket refills within a minute anyway; nothing was admitted that should not have been.
            log.debug("Could not give back {} leased tokens ({}): {}", unused, cause, e.toString());
        }
    }

    @Override
    public void close() throws Exception {
        // Given back here and now rather than by the removal listener, which runs later on another thread.
        leases.asMap().forEach((bucket, lease) -> giveBack(bucket, lease, RemovalCause.EXPLICIT));
        leases.invalidateAll();
        if (shared instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
