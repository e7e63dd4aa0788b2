package ai.migma.gateway.domains;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.UnitTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@UnitTest
class DomainVerifierTest {

    private static final UUID ACCOUNT = UUID.fromString("6f1c1a53-2d4e-4c1b-9a55-0d7a8a3b1e01");
    private final List<DnsRecords.Expected> expected = new DnsRecords(DnsRecordsTest.PROPERTIES)
            .of(ACCOUNT, "example.com", "us-east-1");
    private final Map<String, List<String>> dns = new HashMap<>();
    private final CountDownLatch never = new CountDownLatch(1);
    private DomainVerifier verifier = new DomainVerifier(
            (name, type) -> dns.getOrDefault(type + " " + name, List.of()), Duration.ofSeconds(2));

    @AfterEach
    void stop() {
        never.countDown();
        verifier.destroy();
    }

    /** What a name server would answer for the records asked for, in JNDI's presentation form. */
    static Map<String, List<String>> published(List<DnsRecords.Expected> records) {
        Map<String, List<String>> dns = new HashMap<>();
        for (DnsRecords.Expected record : records) {
            String value = switch (record.type()) {
                case "MX" -> record.priority() + " " + record.value() + ".";
                case "CNAME" -> record.value() + ".";
                default -> record.value();
            };
            dns.computeIfAbsent(record.type() + " " + record.name(), k -> new java.util.ArrayList<>()).add(value);
        }
        return dns;
    }

    @Test
    void everyRecordFoundAsAskedIsVerified() {
        dns.putAll(published(expected));

        Map<String, String> statuses = verifier.verify(expected);

        assertThat(statuses).containsOnlyKeys("dkim", "spf", "return-path", "dmarc", "tracking");
        assertThat(statuses.values()).containsOnly("verified");
        assertThat(DomainVerifier.overall(statuses)).isEqualTo("verified");
    }

    @Test
    void recordsAreComparedAsDnsWritesThem() {
        String dkim = expected.get(0).value();
        dns.put("TXT migma._domainkey.example.com", List.of(dkim.replace("; ", ";") + ";"));
        dns.put("TXT send.example.com", List.of("google-site-verification=abc",
                "v=spf1 include:_spf.google.com INCLUDE:SPF.migma.email -all"));
        dns.put("MX send.example.com", List.of("20 Feedback-SMTP.us-east-1.migma.email."));
        dns.put("TXT _dmarc.example.com", List.of("v=DMARC1; p=reject; rua=mailto:d@example.com"));
        dns.put("CNAME track.example.com", List.of("TRACK.migma.email"));

        assertThat(verifier.verify(expected).values()).containsOnly("verified");
    }

    @Test
    void aRecordFoundDifferentIsFailedAndFailsTheDomain() {
        dns.putAll(published(expected));
        dns.put("TXT migma._domainkey.example.com", List.of("v=DKIM1; k=rsa; p=MIIBsomeoneelse"));
        dns.put("TXT send.example.com", List.of("v=spf1 include:spf.other.example ~all"));

        Map<String, String> statuses = verifier.verify(expected);

        assertThat(statuses).containsEntry("dkim", "failed").containsEntry("spf", "failed")
                .containsEntry("return-path", "verified");
        assertThat(DomainVerifier.overall(statuses)).isEqualTo("failed");
    }

    @Test
    void aRecordNotFoundIsPending() {
        dns.putAll(published(expected));
        dns.remove("CNAME track.example.com");

        Map<String, String> statuses = verifier.verify(expected);

        assertThat(statuses).containsEntry("tracking", "pending").containsEntry("dkim", "verified");
        assertThat(DomainVerifier.overall(statuses)).isEqualTo("pending");
    }

    @Test
    void aLookupThatDoesNotAnswerInTimeIsPendingAndTheVerificationEndsOnTime() {
        verifier.destroy();
        verifier = new DomainVerifier((name, type) -> {
            try {
                never.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of("too late");
        }, Duration.ofMillis(300));

        long started = System.nanoTime();
        Map<String, String> statuses = verifier.verify(expected);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(statuses.values()).hasSize(5).containsOnly("pending");
    }

    @Test
    void aLookupThatThrowsIsPending() {
        verifier.destroy();
        verifier = new DomainVerifier((name, type) -> {
            throw new IllegalStateException("resolver broke");
        }, Duration.ofSeconds(1));

        assertThat(verifier.verify(expected).values()).containsOnly("pending");
    }
}
