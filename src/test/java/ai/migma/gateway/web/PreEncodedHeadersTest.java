package ai.migma.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.UnitTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@UnitTest
class PreEncodedHeadersTest {

    @Test
    void writesEveryFigureAsLongToStringWould() {
        long[] figures = {0, 1, 9, 10, 99, 100, 999_999_999, 1_000_000_000, 1_795_752_230, 999_999_999_999_999_999L,
                1_000_000_000_000_000_000L, Long.MAX_VALUE};
        for (long figure : figures) {
            assertThat(text(PreEncodedHeaders.ascii(figure))).isEqualTo(Long.toString(figure));
        }
    }

    @Test
    void joinsTextAndFiguresIntoOneExactArray() {
        byte[] value = PreEncodedHeaders.ascii(bytes("\"account\";r="), 999_999_999, bytes(";t="), 1);

        assertThat(text(value)).isEqualTo("\"account\";r=999999999;t=1");
        assertThat(text(PreEncodedHeaders.ascii(bytes("\"key\";q="), 10, bytes(";w=60"), PreEncodedHeaders.NONE)))
                .isEqualTo("\"key\";q=10;w=60");
    }

    @Test
    void writesANegativeFigureCorrectlyToo() {
        assertThat(text(PreEncodedHeaders.ascii(-1))).isEqualTo("-1");
        assertThat(text(PreEncodedHeaders.ascii(bytes("r="), -5, bytes(";t="), -7))).isEqualTo("r=-5;t=-7");
        assertThat(text(PreEncodedHeaders.ascii(bytes("r="), 5, bytes(";t="), -7))).isEqualTo("r=5;t=-7");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
