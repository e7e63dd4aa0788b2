package ai.migma.gateway.domains;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.UnitTest;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@UnitTest
class DnsRecordsTest {

    static final DomainProperties PROPERTIES = new DomainProperties("migma.email", "spf.migma.email",
            "feedback-smtp.{region}.migma.email", "track.migma.email", "migma", Duration.ofSeconds(2),
            List.of("www"));
    private static final UUID ACCOUNT = UUID.fromString("6f1c1a53-2d4e-4c1b-9a55-0d7a8a3b1e01");
    private final DnsRecords records = new DnsRecords(PROPERTIES);

    @Test
    void asksForDkimSpfReturnPathDmarcAndTracking() {
        List<DnsRecords.Expected> expected = records.of(ACCOUNT, "example.com", "eu-west-1");

        assertThat(expected).extracting(DnsRecords.Expected::key)
                .containsExactly("dkim", "spf", "return-path", "dmarc", "tracking");
        assertThat(expected).extracting(DnsRecords.Expected::type).containsExactly("TXT", "TXT", "MX", "TXT", "CNAME");
        assertThat(expected).extracting(DnsRecords.Expected::name).containsExactly("migma._domainkey.example.com",
                "send.example.com", "send.example.com", "_dmarc.example.com", "track.example.com");
        assertThat(expected.get(0).value())
                .startsWith("v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA");
        assertThat(expected.get(1).value()).isEqualTo("v=spf1 include:spf.migma.email ~all");
        assertThat(expected.get(2).value()).isEqualTo("feedback-smtp.eu-west-1.migma.email");
        assertThat(expected.get(2).priority()).isEqualTo(10);
        assertThat(expected.get(3).value()).isEqualTo("v=DMARC1; p=none;");
        assertThat(expected.get(4).value()).isEqualTo("track.migma.email");
        assertThat(expected).filteredOn(record -> !record.type().equals("MX"))
                .allMatch(record -> record.priority() == null);
    }

    @Test
    void theSameDomainIsAlwaysAskedForTheSameRecords() {
        assertThat(new DnsRecords(PROPERTIES).of(ACCOUNT, "example.com", "us-east-1"))
                .isEqualTo(records.of(ACCOUNT, "example.com", "us-east-1"));
        assertThat(DnsRecords.dkimKey(ACCOUNT, "example.com")).isNotEqualTo(DnsRecords.dkimKey(ACCOUNT, "example.org"))
                .isNotEqualTo(DnsRecords.dkimKey(UUID.randomUUID(), "example.com"));
    }

    @Test
    void theDkimKeyIsAWellFormed2048BitRsaPublicKey() throws Exception {
        byte[] der = Base64.getDecoder().decode(DnsRecords.dkimKey(ACCOUNT, "example.com"));

        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
        assertThat(key.getModulus().testBit(0)).isTrue();
        assertThat(key.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
    }

    @Test
    void theHostsComeFromTheSettings() {
        DomainProperties other = new DomainProperties("Mail.Acme.test", "SPF.acme.test", "mx.{region}.acme.test",
                "t.acme.test", "Sel1", Duration.ofSeconds(1), List.of("WWW"));
        List<DnsRecords.Expected> expected = new DnsRecords(other).of(ACCOUNT, "example.com", "us-east-1");

        assertThat(other.managedParent()).isEqualTo("mail.acme.test");
        assertThat(other.reservedPrefixes()).containsExactly("www");
        assertThat(expected.get(0).name()).isEqualTo("sel1._domainkey.example.com");
        assertThat(expected.get(1).value()).isEqualTo("v=spf1 include:spf.acme.test ~all");
        assertThat(expected.get(2).value()).isEqualTo("mx.us-east-1.acme.test");
        assertThat(expected.get(4).value()).isEqualTo("t.acme.test");
    }
}
