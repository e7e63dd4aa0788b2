package ai.migma.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.RawHttp;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A key or the admin token sent with a stray control character is refused without being written to any log, even
 * with DEBUG on for Tomcat's connector and Spring Security's firewall, the loggers that quote a refused header line.
 * Sent over a raw socket, since no HTTP client sends such a header.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutOfLogsTest {

    /** Control characters Tomcat refuses in a header value, and one (NEL) it passes on for the firewall to refuse. */
    private static final List<String> STRAY = List.of("\u0001", "\u007f", "\u0000", "\u0085");
    private static final List<String> LOGGERS = List.of("org.apache.coyote", "org.apache.tomcat",
            "org.springframework.security.web", "org.springframework.web");

    @Autowired
    GatewayClient gateway;
    @Autowired
    LoggingSystem logging;

    @BeforeEach
    void debugEverywhereASecretCouldBeQuoted() {
        LOGGERS.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
    }

    @AfterEach
    void restoreLevels() {
        LOGGERS.forEach(logger -> logging.setLogLevel(logger, null));
    }

    @Test
    void aKeyWithAControlCharacterIsRefusedAndNeverLogged(CapturedOutput output) throws Exception {
        String key = gateway.newTestKey();
        for (String stray : STRAY) {
            for (String header : List.of("Bearer " + key + stray, "Bearer " + stray + key, stray + "Bearer " + key)) {
                RawHttp.Response response = RawHttp.send(gateway.port(), "GET /v1/projects HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nAuthorization: " + header + "\r\nConnection: close\r\n\r\n");
                assertThat(response.status()).as(escaped(header)).isIn(400, 401);
            }
        }

        assertThat(output.getAll()).isNotEmpty().doesNotContain(key).doesNotContain(key.substring(13));
    }

    @Test
    void theAdminTokenWithAControlCharacterIsRefusedAndNeverLogged(CapturedOutput output) throws Exception {
        for (String stray : STRAY) {
            RawHttp.Response response = RawHttp.send(gateway.port(), "GET /admin/v1/audit HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: Bearer " + GatewayClient.ADMIN_TOKEN + stray
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(response.status()).isIn(400, 401);
        }

        assertThat(output.getAll()).doesNotContain(GatewayClient.ADMIN_TOKEN);
    }

    private static String escaped(String text) {
        return text.chars().mapToObj(c -> c < 0x20 || c >= 0x7f ? String.format("\\x%02x", c)
                : String.valueOf((char) c)).reduce("", String::concat);
    }
}
