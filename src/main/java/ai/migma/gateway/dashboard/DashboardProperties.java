package ai.migma.gateway.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dashboard ({@code migma.dashboard.*}).
 *
 * @param loginFailuresPerEmail failed logins allowed per account email per minute before logins for it pause
 * @param loginFailuresPerAddress failed logins allowed per client address per minute
 */
@ConfigurationProperties("migma.dashboard")
public record DashboardProperties(@DefaultValue("5") int loginFailuresPerEmail,
        @DefaultValue("20") int loginFailuresPerAddress) {
}
