package ai.migma.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.RawHttp;
import java.io.IOException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** The firewall's header rules are Spring's, whether a header takes the fast path or not. */
@GatewayTest
class FastPathFirewallTest {

    private static final Pattern SPRING_DEFAULT = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Autowired
    Environment environment;

    @Test
    void judgesEveryLatin1CharacterAsSpringsExpressionDoes() {
        for (char c = 0; c <= 0xff; c++) {
            String text = "Bearer mgma_sk_test_" + c + "x";
            assertThat(FastPathFirewall.allowed(text)).as("U+%04X", (int) c)
                    .isEqualTo(SPRING_DEFAULT.matcher(text).matches());
        }
        assertThat(FastPathFirewall.allowed("\u2028")).isEqualTo(SPRING_DEFAULT.matcher("\u2028").matches());
        assertThat(FastPathFirewall.allowed("\uFFFF")).isFalse();
    }

    @Test
    void rejectsAControlCharacterInTheAuthorizationHeaderWith400() throws IOException {
        int port = environment.getRequiredProperty("local.server.port", Integer.class);
        RawHttp.Response rejected = RawHttp.send(port, "GET /v1/projects HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer mgma\u0085key\r\nConnection: close\r\n\r\n");
        assertThat(rejected.status()).isEqualTo(400);

        RawHttp.Response printable = RawHttp.send(port, "GET /v1/projects HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer mgma_key\r\nConnection: close\r\n\r\n");
        assertThat(printable.status()).isEqualTo(401);
    }
}
