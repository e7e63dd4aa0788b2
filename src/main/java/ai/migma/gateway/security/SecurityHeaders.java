package ai.migma.gateway.security;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers of the API chain, which is built without Spring Security's {@code HeaderWriterFilter}: of
 * that filter's defaults, the three that mean something for a JSON API (no MIME sniffing, no framing, no caching of
 * responses that carry account data), as constants set once at the start of the request. The legacy
 * {@code X-XSS-Protection: 0}, {@code Pragma} and {@code Expires} are left out.
 */
final class SecurityHeaders {

    private SecurityHeaders() {
    }

    static void write(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
    }
}
