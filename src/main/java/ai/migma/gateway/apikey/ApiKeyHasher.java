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

    /** One digest per thread, reused: looking a provider up for every request cost more than hashing. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    });

    public static byte[] hash(String key) {
        // digest() leaves the instance reset for the next call, even on this thread's next request.
        return SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
    }
}
