package ai.migma.gateway.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery ({@code migma.webhooks.*}).
 *
 * @param maxAttempts attempts per delivery, the first included; after the last failure it is recorded as failed
 * @param retryBackoff the wait after the first failed attempt; each further failure doubles it
 * @param pollInterval how often due deliveries are looked for (a new event is also sent at once after commit)
 * @param timeout connect and response timeout of one attempt
 * @param workers deliveries sent at the same time by this instance
 */
@ConfigurationProperties("migma.webhooks")
public record WebhookProperties(@DefaultValue("5") int maxAttempts, @DefaultValue("2s") Duration retryBackoff,
        @DefaultValue("1s") Duration pollInterval, @DefaultValue("10s") Duration timeout,
        @DefaultValue("4") int workers) {

    public WebhookProperties {
        if (maxAttempts < 1 || workers < 1) {
            throw new IllegalArgumentException("migma.webhooks.max-attempts and workers must be at least 1");
        }
    }

    /** Wait before attempt {@code attemptsMade + 1}: the backoff, doubled for each failure after the first. */
    Duration backoffAfter(int attemptsMade) {
        return retryBackoff.multipliedBy(1L << Math.min(attemptsMade - 1, 16));
    }
}
