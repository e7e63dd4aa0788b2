package ai.migma.gateway.ratelimit;

import ai.migma.gateway.account.Plan;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The plan table of Migma's page ({@code MIGMA_PLANS_FREE_PER_MINUTE}, {@code MIGMA_PLANS_PRO_PER_MINUTE});
 * enterprise accounts carry their own figure.
 */
@ConfigurationProperties("migma.plans")
public record PlanProperties(@DefaultValue("10") int freePerMinute, @DefaultValue("100") int proPerMinute) {

    public PlanProperties {
        if (freePerMinute < 1 || proPerMinute < 1) {
            throw new IllegalArgumentException("Plan limits must be at least 1 request per minute");
        }
    }

    /** Requests per minute of an account on {@code plan} whose own figure is {@code accountLimit}. */
    public int perMinute(Plan plan, Integer accountLimit) {
        return switch (plan) {
            case FREE -> freePerMinute;
            case PRO -> proPerMinute;
            // The database refuses an enterprise account without a figure; free's is the safe floor regardless.
            case ENTERPRISE -> accountLimit != null ? accountLimit : freePerMinute;
        };
    }
}
