package ai.migma.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The budget of failed authentications per client address ({@code MIGMA_AUTH_FAILURES_PER_MINUTE}): it slows down
 * key guessing from one address without touching clients that hold a valid key.
 */
@ConfigurationProperties("migma.auth-failures")
public record AuthFailureProperties(@DefaultValue("60") int perMinute) {
}
