package ai.migma.gateway.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of the whole key (UTF-8, which for a well-formed key is its ASCII), also used to compare admin tokens.
 * A key carries 190 random bits, so a fast unsalted hash is enough: there is nothing to
 * guess by brute force, and a deterministic hash lets the database look a key up by a unique index.
 */
public final class ApiKeyHasher {

    private ApiKeyHasher() {
    }

    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
