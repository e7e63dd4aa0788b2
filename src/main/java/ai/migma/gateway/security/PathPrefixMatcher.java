package ai.migma.gateway.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * {@code prefix/**} as {@link PathPatternRequestMatcher} matches it, without parsing the path when the URI is literal.
 * The pattern compares percent-decoded segments without their matrix parameters, so {@code /%761/projects} and
 * {@code /v1;x/projects} are under {@code /v1}; a URI of only unreserved characters and single slashes decodes to
 * itself and has no parameters, and for it a comparison of strings gives the same answer. Anything else, and any
 * request with a context path or dispatched other than from the client (an include matches on the included path), is
 * asked of the pattern. The API chain is the first every request is matched against; with this, an API request's path
 * is parsed only by the DispatcherServlet, not also for the security filters (SecurityConfiguration,
 * docs/PERFORMANCE.md).
 */
final class PathPrefixMatcher implements RequestMatcher {

    private final String prefix;
    private final RequestMatcher pattern;

    /** @param prefix a literal path without a trailing slash, e.g. {@code /v1} */
    PathPrefixMatcher(String prefix) {
        if (!literal(prefix)) {
            throw new IllegalArgumentException("Not a literal path prefix: " + prefix);
        }
        this.prefix = prefix;
        this.pattern = PathPatternRequestMatcher.withDefaults().matcher(prefix + "/**");
    }

    /**
     * A matcher for a route pattern: this one for {@code <literal path>/**} (a proxy route such as {@code /orders/**}),
     * Spring's pattern matcher for anything else.
     */
    static RequestMatcher forPattern(String pattern) {
        if (pattern.endsWith("/**")) {
            String prefix = pattern.substring(0, pattern.length() - 3);
            if (literal(prefix)) {
                return new PathPrefixMatcher(prefix);
            }
        }
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static boolean literal(String prefix) {
        return prefix.startsWith("/") && !prefix.endsWith("/") && FastPathFirewall.plain(prefix);
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (request.getDispatcherType() != DispatcherType.REQUEST || !request.getContextPath().isEmpty()
                || !FastPathFirewall.plain(uri)) {
            return pattern.matches(request);
        }
        return uri.startsWith(prefix) && (uri.length() == prefix.length() || uri.charAt(prefix.length()) == '/');
    }

    @Override
    public String toString() {
        return "PathPrefix [" + prefix + "/**]";
    }
}
