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
 */
@ConfigurationProperties("migma.dashboard")
public record DashboardProperties(@DefaultValue("5") int loginFailuresPerPair,
        @DefaultValue("20") int loginFailuresPerAddress, @DefaultValue("30") int loginFailuresPerEmail) {
}
