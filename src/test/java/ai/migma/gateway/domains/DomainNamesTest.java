package ai.migma.gateway.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.migma.gateway.support.UnitTest;
import ai.migma.gateway.web.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

@UnitTest
class DomainNamesTest {

    private static final List<String> RESERVED = List.of("www", "mail", "api", "admin");

    @Test
    void aDomainIsStrippedLowerCasedAndLosesItsFinalDot() {
        assertThat(DomainNames.requireDomain("  Mail.Example.COM. ", "migma.email")).isEqualTo("mail.example.com");
        assertThat(DomainNames.requireDomain("xn--bcher-kva.example", "migma.email"))
                .isEqualTo("xn--bcher-kva.example");
        assertThat(DomainNames.requireDomain("shop.xn--p1ai", "migma.email")).isEqualTo("shop.xn--p1ai");
    }

    @Test
    void rejectsWhatIsNoHostName() {
        for (String bad : new String[] {"example", "exa mple.com", "-example.com", "example-.com", "example..com",
                "127.0.0.1", "example.c", "exämple.com", "a_b.example.com", "https://example.com",
                "a".repeat(64) + ".com", ("a".repeat(60) + ".").repeat(5) + "com"}) {
            assertThatThrownBy(() -> DomainNames.requireDomain(bad, "migma.email")).as(bad)
                    .isInstanceOf(ApiException.class).hasMessageStartingWith("domain must be a host name");
        }
        assertThatThrownBy(() -> DomainNames.requireDomain(" ", "migma.email")).hasMessage("domain is required");
    }

    @Test
    void rejectsACustomDomainInTheManagedZone() {
        assertThatThrownBy(() -> DomainNames.requireDomain("shop.Migma.email", "migma.email"))
                .hasMessageContaining("managed domains");
        assertThatThrownBy(() -> DomainNames.requireDomain("migma.email", "migma.email"))
                .hasMessageContaining("managed domains");
        assertThat(DomainNames.requireDomain("notmigma.email", "migma.email")).isEqualTo("notmigma.email");
    }

    @Test
    void aPathThatIsNoDomainNamesNothing() {
        assertThat(DomainNames.pathDomain("Example.com")).contains("example.com");
        assertThat(DomainNames.pathDomain("0b6f2a58-5d8e-4f0e-9d7c-6a3c2d1e0f9a")).isEmpty();
        assertThat(DomainNames.pathDomain("managed")).isEmpty();
    }

    @Test
    void aPrefixIsOneDnsLabelNotReserved() {
        assertThat(DomainNames.requirePrefix(" Acme-Shoes ", RESERVED)).isEqualTo("acme-shoes");
        assertThat(DomainNames.requirePrefix("a", RESERVED)).isEqualTo("a");
        assertThat(DomainNames.requirePrefix("a".repeat(63), RESERVED)).hasSize(63);
        for (String bad : new String[] {"-acme", "acme-", "ac_me", "ac.me", "acmé", "a".repeat(64)}) {
            assertThatThrownBy(() -> DomainNames.requirePrefix(bad, RESERVED)).as(bad)
                    .hasMessageStartingWith("prefix must be a DNS label");
        }
        assertThatThrownBy(() -> DomainNames.requirePrefix("WWW", RESERVED)).hasMessage("prefix www is reserved");
        assertThatThrownBy(() -> DomainNames.requirePrefix(null, RESERVED)).hasMessage("prefix is required");
    }
}
