package ai.migma.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.UnitTest;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@UnitTest
class ApiKeyFormatTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void generatesKeysOfTheContractShape() {
        for (KeyEnvironment environment : KeyEnvironment.values()) {
            String key = ApiKeyFormat.generate(environment, RANDOM);
            assertThat(key).matches("mgma_sk_" + environment.wireName() + "_[0-9A-Za-z]{38}");
        }
    }

    @Test
    void parsesWhatItGenerates() {
        String key = ApiKeyFormat.generate(KeyEnvironment.LIVE, RANDOM);
        ParsedApiKey parsed = ApiKeyFormat.parse(key);
        assertThat(parsed).isNotNull();
        assertThat(parsed.environment()).isEqualTo(KeyEnvironment.LIVE);
        assertThat(parsed.keyId()).isEqualTo(key.substring("mgma_sk_live_".length(), "mgma_sk_live_".length() + 8));
    }

    @Test
    void generatesDistinctKeysAndIds() {
        Set<String> keys = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String key = ApiKeyFormat.generate(KeyEnvironment.TEST, RANDOM);
            keys.add(key);
            ids.add(ApiKeyFormat.parse(key).keyId());
        }
        assertThat(keys).hasSize(10_000);
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void rejectsEverySingleCharacterChange() {
        String key = ApiKeyFormat.generate(KeyEnvironment.TEST, RANDOM);
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        for (int position = "mgma_sk_test_".length(); position < key.length(); position++) {
            for (char replacement : alphabet.toCharArray()) {
                if (replacement != key.charAt(position)) {
                    String changed = key.substring(0, position) + replacement + key.substring(position + 1);
                    assertThat(ApiKeyFormat.parse(changed)).as(changed).isNull();
                }
            }
        }
    }

    @Test
    void checksumCoversTheEnvironment() {
        String key = ApiKeyFormat.generate(KeyEnvironment.TEST, RANDOM);
        assertThat(ApiKeyFormat.parse(key.replace("mgma_sk_test_", "mgma_sk_live_"))).isNull();
    }

    @Test
    void checksumIsSixBase62DigitsEvenForSmallValues() {
        assertThat(ApiKeyFormat.checksum("")).isEqualTo("000000");
        assertThat(ApiKeyFormat.checksum("mgma_sk_test_x")).matches("[0-9A-Za-z]{6}");
    }

    @Test
    void acceptsLongerRandomPartsUpToTheLimit() {
        String body = "A".repeat(ApiKeyFormat.MAX_RANDOM_LENGTH);
        String key = "mgma_sk_test_" + body;
        assertThat(ApiKeyFormat.parse(key + ApiKeyFormat.checksum(key))).isNotNull();
        String tooLong = key + "A";
        assertThat(ApiKeyFormat.parse(tooLong + ApiKeyFormat.checksum(tooLong))).isNull();
        String tooShort = "mgma_sk_test_" + "A".repeat(ApiKeyFormat.RANDOM_LENGTH - 1);
        assertThat(ApiKeyFormat.parse(tooShort + ApiKeyFormat.checksum(tooShort))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "mgma_sk_live_1234567890abcdef",
            "mgma_pk_test_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "mgma_sk_prod_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "mgma_sk_test-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "MGMA_SK_TEST_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "mgma_sk_test_0123456789ABCDEFGHIJKLMNOPQRSTUVWXY_",
            "mgma_sk_test_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYé",
            "mgma_sk_test_0123456789ABCDEFGHIJKLMNOPQRSTUVWXY\u0000"})
    void rejectsMalformedKeys(String candidate) {
        assertThat(ApiKeyFormat.parse(candidate)).isNull();
    }

    @Test
    void rejectsNull() {
        assertThat(ApiKeyFormat.parse(null)).isNull();
    }

    @Test
    void rejectsNonBase62CharacterEvenWithMatchingChecksum() {
        String key = "mgma_sk_test_" + "A".repeat(31) + "-";
        assertThat(ApiKeyFormat.parse(key + ApiKeyFormat.checksum(key))).isNull();
    }
}
