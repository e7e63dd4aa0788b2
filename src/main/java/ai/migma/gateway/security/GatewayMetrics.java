package ai.migma.gateway.security;

import ai.migma.gateway.ratelimit.RateLimitDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * Counters of the request path, registered once so that counting costs an increment and no registry lookup:
 * {@code migma.auth.attempts{outcome}} and {@code migma.ratelimit.decisions{policy,outcome}}.
 */
final class GatewayMetrics {

    private final Counter authenticated;
    private final Counter refused;
    private final Counter throttled;
    private final Counter unavailable;
    private final Map<String, Counter[]> decisions;

    GatewayMetrics(MeterRegistry meters) {
        this.authenticated = auth(meters, "authenticated");
        this.refused = auth(meters, "refused");
        this.throttled = auth(meters, "throttled");
        this.unavailable = auth(meters, "unavailable");
        this.decisions = Map.of("account", decision(meters, "account"), "key", decision(meters, "key"),
                "auth-failures", decision(meters, "auth-failures"));
    }

    void authenticated() {
        authenticated.increment();
    }

    void refused() {
        refused.increment();
    }

    void throttled() {
        throttled.increment();
    }

    void unavailable() {
        unavailable.increment();
    }

    void decided(RateLimitDecision decision) {
        Counter[] counters = decisions.get(decision.policy());
        if (counters != null) {
            counters[decision.allowed() ? 0 : 1].increment();
        }
    }

    private static Counter auth(MeterRegistry meters, String outcome) {
        return Counter.builder("migma.auth.attempts").tag("outcome", outcome)
                .description("API-key authentication attempts by outcome").register(meters);
    }

    private static Counter[] decision(MeterRegistry meters, String policy) {
        return new Counter[] {rateLimit(meters, policy, "allowed"), rateLimit(meters, policy, "refused")};
    }

    private static Counter rateLimit(MeterRegistry meters, String policy, String outcome) {
        return Counter.builder("migma.ratelimit.decisions").tag("policy", policy).tag("outcome", outcome)
                .description("Rate-limit decisions by budget and outcome").register(meters);
    }
}
