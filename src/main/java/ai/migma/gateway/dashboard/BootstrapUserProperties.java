package ai.migma.gateway.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A dashboard user created at startup ({@code MIGMA_BOOTSTRAP_USER_EMAIL}, {@code MIGMA_BOOTSTRAP_USER_PASSWORD}),
 * in the bootstrap key's account when there is one.
 */
@ConfigurationProperties("migma.bootstrap")
public record BootstrapUserProperties(String userEmail, String userPassword) {

    @Override
    public String toString() {
        return "BootstrapUserProperties[userEmail=" + userEmail + "]";
    }
}
