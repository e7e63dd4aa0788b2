package ai.migma.gateway.apikey;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The key format of docs/API.md ("Keys"), after GitHub's token design: {@code mgma_sk_<env>_<random><checksum>}, where
 * {@code <random>} is 32 base62 characters from a CSPRNG (190 bits) and {@code <checksum>} the CRC32 of everything
 * before it in 6 base62 characters. The checksum lets the gateway turn away typos and made-up keys without a lookup.
 */
public final class ApiKeyFormat {

    static final String PREFIX = "mgma_sk_";
    static final int RANDOM_LENGTH = 32;
    /** Longer random parts are accepted so the generator can grow without invalidating keys already issued. */
    static final int MAX_RANDOM_LENGTH = 64;
    static final int CHECKSUM_LENGTH = 6;
    static final int ID_LENGTH = 8;

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** {@code mgma_sk_} + {@code test} or {@code live} + {@code _}. */
    private static final int BODY_START = PREFIX.length() + 5;
    static final int MIN_LENGTH = BODY_START + RANDOM_LENGTH + CHECKSUM_LENGTH;
    static final int MAX_LENGTH = BODY_START + MAX_RANDOM_LENGTH + CHECKSUM_LENGTH;

    private static final boolean[] IS_BASE62 = new boolean[128];
    /** values() copies its array on every call. */
    private static final KeyEnvironment[] ENVIRONMENTS = KeyEnvironment.values();

    static {
        for (int i = 0; i < ALPHABET.length(); i++) {
            IS_BASE62[ALPHABET.charAt(i)] = true;
        }
    }

    private ApiKeyFormat() {
    }

    public static String generate(KeyEnvironment environment, SecureRandom random) {
        StringBuilder key = new StringBuilder(MIN_LENGTH).append(PREFIX).append(environment.wireName()).append('_');
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return key.append(checksum(key)).toString();
    }

    /**
     * Reads a candidate key; {@code null} when its shape or checksum is wrong. Runs in time proportional to the
     * candidate's length, capped by {@link #MAX_LENGTH}, whatever a client sends.
     */
    public static ParsedApiKey parse(String candidate) {
        if (candidate == null || candidate.length() < MIN_LENGTH || candidate.length() > MAX_LENGTH
                || !candidate.startsWith(PREFIX) || candidate.charAt(BODY_START - 1) != '_') {
            return null;
        }
        KeyEnvironment environment = environmentAt(candidate);
        if (environment == null || !isBase62(candidate, BODY_START)) {
            return null;
        }
        int checksumStart = candidate.length() - CHECKSUM_LENGTH;
        if (!checksumMatches(crc32(candidate, checksumStart), candidate, checksumStart)) {
            return null;
        }
        return new ParsedApiKey(environment, candidate.substring(BODY_START, BODY_START + ID_LENGTH));
    }

    private static KeyEnvironment environmentAt(String candidate) {
        for (KeyEnvironment environment : ENVIRONMENTS) {
            if (candidate.startsWith(environment.wireName(), PREFIX.length())) {
                return environment;
            }
        }
        return null;
    }

    /** The part of a key that may be shown again: {@code mgma_sk_test_} and the key id. */
    public static String displayStart(KeyEnvironment environment, String keyId) {
        return PREFIX + environment.wireName() + '_' + keyId;
    }

    private static boolean isBase62(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || !IS_BASE62[c]) {
                return false;
            }
        }
        return true;
    }

    static String checksum(CharSequence text) {
        String ascii = text.toString();
        long value = crc32(ascii, ascii.length());
        char[] digits = new char[CHECKSUM_LENGTH];
        // 62^6 > 2^32, so six digits always hold the value; leading zeros keep the length fixed.
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            digits[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
            value /= ALPHABET.length();
        }
        return new String(digits);
    }

    private static long crc32(String ascii, int length) {
        CRC32 crc = new CRC32();
        crc.update(ascii.getBytes(StandardCharsets.US_ASCII), 0, length);
        return crc.getValue();
    }

    /** Compares {@code value}'s digits with the six characters at {@code at}, without making a String of either. */
    private static boolean checksumMatches(long value, String candidate, int at) {
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            if (candidate.charAt(at + i) != ALPHABET.charAt((int) (value % ALPHABET.length()))) {
                return false;
            }
            value /= ALPHABET.length();
        }
        return true;
    }
}
