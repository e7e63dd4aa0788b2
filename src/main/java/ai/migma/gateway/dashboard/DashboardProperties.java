package ai.migma.gateway.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dashboard ({@code migma.dashboard.*}). Login attempts are paid for from three budgets, each refilled
 * continuously at its figure per minute (see {@link LoginThrottle} for why these three and these defaults).
 *
 * @param loginFailuresPerPair attempts per minute for one account email from one client (an address, or an IPv6 /64)
 * @param loginFailuresPerAddress attempts per minute from one client, whatever the email
 * @param loginFailuresPerEmail attempts per minute for one email, whatever the client: the ceiling on a distributed
 *     attack on one account; kept well above the pair figure so that no single client can hold it at zero
 * @param passwordStrength the bcrypt cost (log2 of its rounds, 4 to 31) of passwords set from now on; each check
 *     costs what its hash's own cost says, so raising it later slows only new and changed passwords
 */
@ConfigurationProperties("migma.dashboard")
public record DashboardProperties(@DefaultValue("5") int loginFailuresPerPair,
        @DefaultValue("20") int loginFailuresPerAddress, @DefaultValue("30") int loginFailuresPerEmail,
        @DefaultValue("10") int passwordStrength) {

    public DashboardProperties {
        if (passwordStrength < 4 || passwordStrength > 31) {
            throw new IllegalArgumentException("migma.dashboard.password-strength must be between 4 and 31");
        }
    }
}
