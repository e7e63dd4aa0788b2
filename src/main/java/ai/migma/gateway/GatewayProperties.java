package ai.migma.gateway;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Gateway-wide settings: {@code MIGMA_ENVIRONMENT} and {@code MIGMA_ADMIN_TOKEN}.
 *
 * @param environment which keys this gateway accepts: {@code development} takes only {@code mgma_sk_test_} keys,
 *     {@code production} only {@code mgma_sk_live_} keys, as Migma does
 * @param adminToken the bearer token of the admin API; blank keeps the admin API closed
 * @param trustedProxies addresses or CIDR ranges of the proxies whose {@code X-Forwarded-For} tells the client
 *     address ({@code MIGMA_TRUSTED_PROXIES}, comma-separated); empty: the socket peer is the client
 */
@ConfigurationProperties("migma")
public record GatewayProperties(@DefaultValue("development") Environment environment, String adminToken,
        @DefaultValue List<String> trustedProxies) {

    /** Which keys each accepts is the key feature's business: {@code KeyEnvironment.acceptedIn}. */
    public enum Environment {
        DEVELOPMENT,
        PRODUCTION
    }

    public boolean adminApiEnabled() {
        return adminToken != null && !adminToken.isBlank();
    }
}
