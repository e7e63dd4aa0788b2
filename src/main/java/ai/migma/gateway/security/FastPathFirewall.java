package ai.migma.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with the same rules, answered without its most expensive checks for the
 * common case, on two counts:
 * <ul>
 * <li>Headers. The firewall checks every header value read through it against
 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, one character at a time through composed predicates; on the
 * 60-character {@code Authorization} header of every API request that was a few percent of the gateway's CPU.
 * Printable ASCII is assigned and not a control character, so such a string passes the expression; anything else is
 * still judged by the expression itself.</li>
 * <li>Paths. For every request the firewall looks for each of its 27 forbidden strings ({@code ;}, {@code %2f},
 * {@code //}, {@code \}, {@code %25}, {@code %0a}, ...) in the URI, the context path, the servlet path and the path
 * info, about 0.7 µs a request (docs/PERFORMANCE.md). Each of those strings holds a character outside
 * {@code [A-Za-z0-9-._~/]} or is {@code //}, so a request whose four paths hold nothing else cannot contain one; such
 * a request is judged by a firewall without the forbidden strings, which still applies every other rule (methods,
 * normalization, host names, printable ASCII, the header rules above). Any other path goes through all of them.</li>
 * </ul>
 */
final class FastPathFirewall implements HttpFirewall {

    /** The expression StrictHttpFirewall applies to header names and values by default. */
    private static final Predicate<String> ASSIGNED_AND_NOT_CONTROL =
            Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*").asMatchPredicate();

    private final StrictHttpFirewall strict = withFastHeaders(new StrictHttpFirewall());
    private final StrictHttpFirewall plainPaths = withoutForbiddenStrings(withFastHeaders(new StrictHttpFirewall()));

    @Override
    public FirewalledRequest getFirewalledRequest(HttpServletRequest request) throws RequestRejectedException {
        return plainPaths(request) ? plainPaths.getFirewalledRequest(request) : strict.getFirewalledRequest(request);
    }

    @Override
    public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
        return strict.getFirewalledResponse(response);
    }

    static boolean allowed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return ASSIGNED_AND_NOT_CONTROL.test(text);
            }
        }
        return true;
    }

    static boolean plainPaths(HttpServletRequest request) {
        return plain(request.getRequestURI()) && plain(request.getContextPath()) && plain(request.getServletPath())
                && plain(request.getPathInfo());
    }

    /** Only RFC 3986's unreserved characters and single slashes: none of the firewall's forbidden strings fits. */
    static boolean plain(String path) {
        if (path == null) {
            return true;
        }
        char previous = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (!unreserved && (c != '/' || previous == '/')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    private static StrictHttpFirewall withFastHeaders(StrictHttpFirewall firewall) {
        Predicate<String> headers = FastPathFirewall::allowed;
        firewall.setAllowedHeaderNames(headers);
        firewall.setAllowedHeaderValues(headers);
        return firewall;
    }

    /** Every forbidden string of the default firewall removed; only for paths {@link #plain} has vouched for. */
    private static StrictHttpFirewall withoutForbiddenStrings(StrictHttpFirewall firewall) {
        firewall.setAllowSemicolon(true);
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedDoubleSlash(true);
        firewall.setAllowUrlEncodedPeriod(true);
        firewall.setAllowBackSlash(true);
        firewall.setAllowNull(true);
        firewall.setAllowUrlEncodedPercent(true);
        firewall.setAllowUrlEncodedCarriageReturn(true);
        firewall.setAllowUrlEncodedLineFeed(true);
        firewall.setAllowUrlEncodedLineSeparator(true);
        firewall.setAllowUrlEncodedParagraphSeparator(true);
        return firewall;
    }
}
