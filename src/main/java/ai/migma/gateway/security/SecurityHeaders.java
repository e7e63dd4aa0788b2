package ai.migma.gateway.security;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers of the API chain, which is built without Spring Security's {@code HeaderWriterFilter}: of
 * that filter's defaults, the two that mean something for JSON (no MIME sniffing, no caching of responses that carry
 * account data), as constants set once at the start of the request. {@code X-Frame-Options} (JSON is not framed),
 * the legacy {@code X-XSS-Protection: 0}, {@code Pragma} and {@code Expires} are left out: every header costs Tomcat
 * an encoding step on every response (docs/PERFORMANCE.md). The other chains keep Spring's full set.
 */
final class SecurityHeaders {

    private SecurityHeaders() {
    }

    /** Added, not set: nothing has written headers yet when the API chain starts, and adding skips a search. */
    static void write(HttpServletResponse response) {
        response.addHeader("X-Content-Type-Options", "nosniff");
        response.addHeader("Cache-Control", "no-store");
    }
}
