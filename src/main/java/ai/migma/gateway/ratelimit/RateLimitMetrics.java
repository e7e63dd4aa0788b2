package ai.migma.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * {@code migma.ratelimit.decisions{policy,outcome}}, registered once so that counting costs an increment and no
 * registry lookup.
 */
public final class RateLimitMetrics {

    private final Map<String, Counter[]> decisions;

    public RateLimitMetrics(MeterRegistry meters) {
        this.decisions = Map.of(RateLimitDecision.ACCOUNT, decision(meters, RateLimitDecision.ACCOUNT),
                RateLimitDecision.KEY, decision(meters, RateLimitDecision.KEY),
                RateLimitDecision.AUTH_FAILURES, decision(meters, RateLimitDecision.AUTH_FAILURES));
    }

    public void decided(RateLimitDecision decision) {
        Counter[] counters = decisions.get(decision.policy());
        if (counters != null) {
            counters[decision.allowed() ? 0 : 1].increment();
        }
    }

    private static Counter[] decision(MeterRegistry meters, String policy) {
        return new Counter[] {counter(meters, policy, "allowed"), counter(meters, policy, "refused")};
    }

    private static Counter counter(MeterRegistry meters, String policy, String outcome) {
        return Counter.builder("migma.ratelimit.decisions").tag("policy", policy).tag("outcome", outcome)
                .description("Rate-limit decisions by budget and outcome").register(meters);
    }
}
