package ai.migma.gateway.web;

import ai.migma.gateway.web.PreEncodedHeaders;
import ai.migma.gateway.web.PreEncodedHeaders.Name;
import ai.migma.gateway.web.PreEncodedHeaders.Value;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.MimeHeaders;

/**
 * The security headers of the API chain, which is built without Spring Security's {@code HeaderWriterFilter}: of
 * that filter's defaults, the two that mean something for JSON (no MIME sniffing, no caching of responses that carry
 * account data), as constants set once at the start of the request. {@code X-Frame-Options} (JSON is not framed),
 * the legacy {@code X-XSS-Protection: 0}, {@code Pragma} and {@code Expires} are left out: every header costs Tomcat
 * an encoding step on every response (docs/PERFORMANCE.md). The other chains keep Spring's full set.
 */
public final class SecurityHeaders {

    private static final Name CONTENT_TYPE_OPTIONS = Name.of("X-Content-Type-Options");
    private static final Value NOSNIFF = Value.of("nosniff");
    private static final Name CACHE_CONTROL = Name.of("Cache-Control");
    private static final Value NO_STORE = Value.of("no-store");

    private SecurityHeaders() {
    }

    /** Added, not set: nothing has written these when the API chain starts. */
    public static void write(HttpServletRequest request, HttpServletResponse response) {
        MimeHeaders table = PreEncodedHeaders.table(request);
        PreEncodedHeaders.add(table, response, CONTENT_TYPE_OPTIONS, NOSNIFF);
        PreEncodedHeaders.add(table, response, CACHE_CONTROL, NO_STORE);
    }
}
