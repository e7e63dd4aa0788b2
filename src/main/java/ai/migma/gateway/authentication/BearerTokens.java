package ai.migma.gateway.authentication;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import org.springframework.http.HttpHeaders;

/**
 * Reads {@code Authorization: Bearer <token>} as docs/API.md ("Authentication") has it: the scheme name in any case,
 * then exactly one space and one token. Only the header is read: a key in a query string or a body is never looked at.
 */
public final class BearerTokens {

    private static final String SCHEME = "Bearer";

    private BearerTokens() {
    }

    /** The token, or {@code null} when the request has no single well-formed bearer header. */
    public static String resolve(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
        if (headers == null || !headers.hasMoreElements()) {
            return null;
        }
        String header = headers.nextElement();
        if (headers.hasMoreElements()) {
            // Two Authorization headers: which one a proxy on the way reads is anyone's guess, so neither counts.
            return null;
        }
        int length = SCHEME.length();
        if (header.length() <= length + 1 || header.charAt(length) != ' '
                || !header.regionMatches(true, 0, SCHEME, 0, length)) {
            return null;
        }
        String token = header.substring(length + 1);
        return token.indexOf(' ') >= 0 ? null : token;
    }
}
