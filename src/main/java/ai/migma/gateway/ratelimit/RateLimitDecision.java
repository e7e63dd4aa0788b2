package ai.migma.gateway.ratelimit;

/**
 * The outcome of one atomic consumption, with the figures the response headers report.
 *
 * @param policy the budget that decided: {@code account}, {@code key}, {@code route} or {@code auth-failures}
 * @param nanosToReset until the bucket is full again
 * @param nanosToRetry until one request is admitted; 0 when this one was
 */
public record RateLimitDecision(boolean allowed, String policy, long limit, long remaining, long nanosToReset,
        long nanosToRetry) {

    /** The policies, as named in the {@code RateLimit-Policy} header. */
    public static final String ACCOUNT = "account";
    public static final String KEY = "key";
    public static final String ROUTE = "route";
    public static final String AUTH_FAILURES = "auth-failures";

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Whole seconds a refused client must wait, at least 1, rounded up so that waiting them is always enough. */
    public long retryAfterSeconds() {
        return Math.max(1, ceilSeconds(nanosToRetry));
    }

    /** Whole seconds until Remaining is back to Limit, rounded up. */
    public long resetSeconds() {
        return ceilSeconds(nanosToReset);
    }

    static long ceilSeconds(long nanos) {
        return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }
}
