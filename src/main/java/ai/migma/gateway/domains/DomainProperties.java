package ai.migma.gateway.domains;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sending domains ({@code migma.domains.*}): the names Migma's DNS records point at, and how long a verification may
 * take.
 *
 * @param managedParent the zone managed domains are made in: {@code <prefix>.<managedParent>}
 * @param spfInclude the host a domain's SPF record includes
 * @param returnPathHost the mail exchanger of a domain's return path; {@code {region}} is the domain's region
 * @param trackingHost the target of a domain's tracking CNAME
 * @param dkimSelector the selector of a domain's DKIM record: {@code <selector>._domainkey.<domain>}
 * @param verifyTimeout the longest a verification waits for its DNS lookups; a record not found by then is pending
 * @param reservedPrefixes prefixes no account can take as a managed domain
 */
@ConfigurationProperties("migma.domains")
record DomainProperties(@DefaultValue("migma.email") String managedParent,
        @DefaultValue("spf.migma.email") String spfInclude,
        @DefaultValue("feedback-smtp.{region}.migma.email") String returnPathHost,
        @DefaultValue("track.migma.email") String trackingHost,
        @DefaultValue("migma") String dkimSelector,
        @DefaultValue("2s") Duration verifyTimeout,
        @DefaultValue({"www", "mail", "email", "api", "admin", "app", "smtp", "imap", "pop", "mx", "ns", "ns1",
                "ns2", "dns", "ftp", "send", "track", "bounce", "bounces", "feedback", "support", "help", "status",
                "blog", "docs", "dashboard", "login", "auth", "root", "postmaster", "abuse", "hostmaster",
                "webmaster", "security", "billing", "migma"}) List<String> reservedPrefixes) {

    DomainProperties {
        if (!DomainNames.isHostName(managedParent) || !DomainNames.isHostName(spfInclude)
                || !DomainNames.isHostName(returnPathHost.replace("{region}", "us-east-1"))
                || !DomainNames.isHostName(trackingHost)
                || !DomainNames.isLabel(dkimSelector.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("migma.domains.managed-parent, spf-include, return-path-host, "
                    + "tracking-host must be host names and dkim-selector a DNS label");
        }
        if (verifyTimeout.isNegative() || verifyTimeout.isZero()
                || verifyTimeout.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("migma.domains.verify-timeout must be > 0 and at most 10s");
        }
        managedParent = managedParent.toLowerCase(Locale.ROOT);
        spfInclude = spfInclude.toLowerCase(Locale.ROOT);
        returnPathHost = returnPathHost.toLowerCase(Locale.ROOT);
        trackingHost = trackingHost.toLowerCase(Locale.ROOT);
        dkimSelector = dkimSelector.toLowerCase(Locale.ROOT);
        reservedPrefixes = reservedPrefixes.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
    }
}
