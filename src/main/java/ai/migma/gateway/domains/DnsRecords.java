package ai.migma.gateway.domains;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The DNS records Migma asks a sending domain for, computed from the domain alone (and, for DKIM, its account), so
 * the same domain is always asked for the same records and nothing about them needs storing.
 */
final class DnsRecords {

    /** How a record found in DNS is compared with the one asked for. */
    enum Match {
        /** The TXT text itself, blanks aside: a DKIM key must be exactly ours. */
        TEXT,
        /** An SPF policy ({@code v=spf1}) that includes our host: a domain keeps its other senders. */
        SPF_INCLUDE,
        /** Any DMARC policy: which one is the domain owner's choice. */
        DMARC,
        /** A host name (MX exchange, CNAME target), without case or final dot. */
        HOST
    }

    /** One record to publish; {@code key} names it in a verification's stored statuses. */
    record Expected(String key, String type, String name, String value, Integer priority, Match match) {
    }

    static final int RETURN_PATH_PRIORITY = 10;
    /** DER of an RSA SubjectPublicKeyInfo up to its 2048-bit modulus, with the zero byte that keeps it positive. */
    private static final byte[] RSA_2048_PREFIX = Base64.getDecoder().decode(
            "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA");
    /** The modulus's end: the exponent 65537. */
    private static final byte[] RSA_EXPONENT = {0x02, 0x03, 0x01, 0x00, 0x01};
    private static final int MODULUS_BYTES = 256;

    private final DomainProperties properties;

    DnsRecords(DomainProperties properties) {
        this.properties = properties;
    }

    /** DKIM, SPF and the return path's MX, DMARC, and the tracking CNAME, in the order a client lists them. */
    List<Expected> of(UUID accountId, String domain, String region) {
        String bounce = "send." + domain;
        return List.of(
                new Expected("dkim", "TXT", properties.dkimSelector() + "._domainkey." + domain,
                        "v=DKIM1; k=rsa; p=" + dkimKey(accountId, domain), null, Match.TEXT),
                new Expected("spf", "TXT", bounce, "v=spf1 include:" + properties.spfInclude() + " ~all", null,
                        Match.SPF_INCLUDE),
                new Expected("return-path", "MX", bounce, properties.returnPathHost().replace("{region}", region),
                        RETURN_PATH_PRIORITY, Match.HOST),
                new Expected("dmarc", "TXT", "_dmarc." + domain, "v=DMARC1; p=none;", null, Match.DMARC),
                new Expected("tracking", "CNAME", "track." + domain, properties.trackingHost(), null, Match.HOST));
    }

    /**
     * A DKIM public key as Migma would publish it: a well-formed 2048-bit RSA SubjectPublicKeyInfo, base64. Its
     * modulus is SHA-256 of the account and the domain, expanded by a counter, not the product of two primes: no
     * one holds a private half, which is fine, since no mail leaves the gateway to be signed. Of the account too,
     * so that two accounts that add one domain are asked for different keys and DNS says which of them it chose.
     */
    static String dkimKey(UUID accountId, String domain) {
        byte[] seed = ("migma-dkim\n" + accountId + "\n" + domain).getBytes(StandardCharsets.UTF_8);
        byte[] modulus = new byte[MODULUS_BYTES];
        MessageDigest sha256 = sha256();
        for (int block = 0; block * 32 < MODULUS_BYTES; block++) {
            sha256.update(seed);
            sha256.update((byte) block);
            System.arraycopy(sha256.digest(), 0, modulus, block * 32, 32);
        }
        modulus[0] |= (byte) 0x80; // a full 2048 bits
        modulus[MODULUS_BYTES - 1] |= 1; // odd, as an RSA modulus is
        ByteArrayOutputStream der = new ByteArrayOutputStream();
        der.writeBytes(RSA_2048_PREFIX);
        der.writeBytes(modulus);
        der.writeBytes(RSA_EXPONENT);
        return Base64.getEncoder().encodeToString(der.toByteArray());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
