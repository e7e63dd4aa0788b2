package ai.migma.gateway.authentication;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code migma.auth.attempts{outcome}}, registered once so that counting costs an increment and no registry lookup.
 */
public final class AuthenticationMetrics {

    private final Counter authenticated;
    private final Counter refused;
    private final Counter throttled;
    private final Counter unavailable;

    public AuthenticationMetrics(MeterRegistry meters) {
        this.authenticated = attempts(meters, "authenticated");
        this.refused = attempts(meters, "refused");
        this.throttled = attempts(meters, "throttled");
        this.unavailable = attempts(meters, "unavailable");
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

    private static Counter attempts(MeterRegistry meters, String outcome) {
        return Counter.builder("migma.auth.attempts").tag("outcome", outcome)
                .description("API-key authentication attempts by outcome").register(meters);
    }
}
