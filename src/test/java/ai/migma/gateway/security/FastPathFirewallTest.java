package ai.migma.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** The firewall's rules are Spring's, whether a header or a path takes the fast path or not. */
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

    @Test
    void judgesEveryPathAsSpringsDefaultFirewallDoes() {
        HttpFirewall spring = new StrictHttpFirewall();
        HttpFirewall ours = new FastPathFirewall();
        int plain = 0;
        for (MockHttpServletRequest request : paths()) {
            String label = request.getContextPath() + " | " + request.getRequestURI() + " | " + request.getServletPath()
                    + " | " + request.getPathInfo();
            assertThat(accepts(ours, request)).as(label).isEqualTo(accepts(spring, request));
            if (FastPathFirewall.plainPaths(request)) {
                plain++;
            }
        }
        assertThat(plain).as("paths that took the fast path").isGreaterThan(100);
        assertThat(FastPathFirewall.plainPaths(request("", "/v1/webhooks/events", null))).isTrue();
        assertThat(FastPathFirewall.plainPaths(request("", "/v1/%76ebhooks/events", null))).isFalse();
    }

    @Test
    void aPlainPathStillHasItsHeadersJudged() {
        MockHttpServletRequest request = request("", "/v1/projects", null);
        request.addHeader("Authorization", "Bearer mgma\u0085key");
        assertThat(FastPathFirewall.plainPaths(request)).isTrue();
        assertThatThrownBy(
                () -> new FastPathFirewall().getFirewalledRequest(request).getHeader("Authorization"))
                .isInstanceOf(RequestRejectedException.class);
    }

    /** Each character and each of the firewall's telltale sequences, in the URI and in the decoded paths. */
    private static List<MockHttpServletRequest> paths() {
        List<String> pieces = new ArrayList<>();
        for (char c = 0; c <= 0xff; c++) {
            pieces.add(String.valueOf(c));
        }
        pieces.addAll(List.of("\u2028", "\u2029", "\uFFFF", "%2e", "%2E", "%2f", "%2F", "%25", "%3b", "%5c", "%00",
                "%0a", "%0d", "%76", "%e2%80%a8", "//", "/./", "/../", "/.", "/..", "..", "./", "%2e%2e/", "%2f%2f",
                ";x=1", "a~b-c_d.e", ""));
        List<MockHttpServletRequest> requests = new ArrayList<>();
        for (String piece : pieces) {
            for (String uri : List.of("/v1/projects/" + piece + "y", "/v1" + piece, piece + "/v1/projects",
                    "/v1/projects/" + piece)) {
                requests.add(request("", uri, null));
                requests.add(request("/ctx" + piece, "/ctx" + piece + uri, null));
                requests.add(request("", uri, piece));
            }
        }
        return requests;
    }

    /** As Tomcat presents it: the servlet path is the URI after the context path, percent-decoded as UTF-8. */
    private static MockHttpServletRequest request(String contextPath, String uri, String pathInfo) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
        request.setContextPath(contextPath);
        request.setServletPath(decode(uri.substring(contextPath.length())));
        request.setPathInfo(pathInfo);
        return request;
    }

    private static String decode(String path) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && Character.digit(path.charAt(i + 1), 16) >= 0
                    && Character.digit(path.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(path.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean accepts(HttpFirewall firewall, MockHttpServletRequest request) {
        try {
            firewall.getFirewalledRequest(request);
            return true;
        } catch (RequestRejectedException rejected) {
            return false;
        }
    }
}
