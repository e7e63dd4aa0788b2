package ai.migma.gateway.authentication;

import ai.migma.gateway.ratelimit.RateLimitDecision;
import ai.migma.gateway.ratelimit.RateLimitMetrics;
import ai.migma.gateway.ratelimit.RateLimiter;

/** {@link FailureBudget} kept by the rate limiter, in the same store as the plans' buckets (local or Redis). */
public final class FailedAuthenticationBudget implements FailureBudget {

    private final RateLimiter rateLimiter;
    private final RateLimitMetrics metrics;

    public FailedAuthenticationBudget(RateLimiter rateLimiter, RateLimitMetrics metrics) {
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
    }

    @Override
    public RateLimitDecision spend(String client) {
        RateLimitDecision decision = rateLimiter.consumeFailedAuthentication(client);
        metrics.decided(decision);
        return decision;
    }

    @Override
    public void refund(String client) {
        rateLimiter.refundFailedAuthentication(client);
    }
}
