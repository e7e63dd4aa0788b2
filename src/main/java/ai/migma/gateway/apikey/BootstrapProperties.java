package ai.migma.gateway.apikey;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A key installed at startup so that a fresh gateway answers the README's curl with no admin step
 * ({@code MIGMA_BOOTSTRAP_KEY}, {@code MIGMA_BOOTSTRAP_PLAN}, {@code MIGMA_BOOTSTRAP_PERMISSIONS}).
 *
 * @param key a well-formed key; blank installs nothing
 * @param plan the plan of the account created for it
 * @param permissions its permissions; all seven of the seed page unless set
 * @param accountName the name of the account created for it
 */
@ConfigurationProperties("migma.bootstrap")
public record BootstrapProperties(String key, @DefaultValue("pro") String plan,
        @DefaultValue({"audience:read", "audience:write", "email:read", "email:send", "template:read", "webhook:read",
                "webhook:write"}) List<String> permissions,
        @DefaultValue("Bootstrap") String accountName) {

    @Override
    public String toString() {
        return "BootstrapProperties[plan=" + plan + ", permissions=" + permissions + "]";
    }
}
