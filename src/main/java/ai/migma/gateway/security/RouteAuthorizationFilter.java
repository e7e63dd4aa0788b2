package ai.migma.gateway.security;

import ai.migma.gateway.apikey.Permission;
import ai.migma.gateway.web.ErrorCode;
import ai.migma.gateway.web.ErrorRenderer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The authorization step: the first {@link RoutePermissions} rule that matches the request decides which
 * permissions admit it; a key with none of them gets the 403. Unlisted routes admit any valid key (they answer 404
 * or 405). The rules are compiled once, and a request is checked against the key's permission set directly,
 * which is all Spring's {@code AuthorizationFilter} did here at several times the cost.
 *
 * <p>A route without variables is found by its method and exact path in a map; only a miss (a route with an id, an
 * encoded or unlisted path) walks the rules in order, so the answer is always the first matching rule's.
 */
final class RouteAuthorizationFilter extends HttpFilter {

    private record CompiledRule(RequestMatcher matcher, Set<Permission> anyOf) {
    }

    private final List<CompiledRule> rules;
    /** Method → exact path → what the first rule matching exactly that path requires. */
    private final Map<String, Map<String, Set<Permission>>> literalRoutes = new HashMap<>();
    private final ErrorRenderer errors;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    RouteAuthorizationFilter(List<RoutePermissions.Rule> rules, ErrorRenderer errors) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        this.rules = rules.stream()
                .map(rule -> new CompiledRule(paths.matcher(rule.method(), rule.pattern()),
                        permissions(rule)))
                .toList();
        for (RoutePermissions.Rule rule : rules) {
            if (!rule.pattern().contains("{") && !rule.pattern().contains("*")) {
                literalRoutes.computeIfAbsent(rule.method().name(), method -> new HashMap<>())
                        .putIfAbsent(rule.pattern(), firstMatch(rules, rule));
            }
        }
        this.errors = errors;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(contexts.getContext().getAuthentication() instanceof ApiKeyAuthentication key)) {
            // The authentication step answers every request without a valid key, so this is a wiring mistake.
            throw new IllegalStateException("No API key authentication before the authorization step");
        }
        Set<Permission> required = requiredFor(request);
        if (!required.isEmpty() && !grantsAny(key.getPrincipal().key().permissions(), required)) {
            errors.write(request, response, ErrorCode.FORBIDDEN, SecurityConfiguration.INSUFFICIENT_PERMISSIONS);
            return;
        }
        chain.doFilter(request, response);
    }

    Set<Permission> requiredFor(HttpServletRequest request) {
        Map<String, Set<Permission>> paths = literalRoutes.get(request.getMethod());
        Set<Permission> literal = paths == null ? null : paths.get(request.getRequestURI());
        if (literal != null) {
            return literal;
        }
        for (CompiledRule rule : rules) {
            if (rule.matcher().matches(request)) {
                return rule.anyOf();
            }
        }
        return Set.of();
    }

    /** What the ordered rules decide for {@code literal}'s exact path: an earlier pattern may match it first. */
    private static Set<Permission> firstMatch(List<RoutePermissions.Rule> rules, RoutePermissions.Rule literal) {
        PathContainer path = PathContainer.parsePath(literal.pattern());
        for (RoutePermissions.Rule rule : rules) {
            if (rule.method().equals(literal.method())
                    && PathPatternParser.defaultInstance.parse(rule.pattern()).matches(path)) {
                return permissions(rule);
            }
        }
        return permissions(literal);
    }

    private static Set<Permission> permissions(RoutePermissions.Rule rule) {
        return rule.anyOf().isEmpty() ? Set.of() : EnumSet.copyOf(rule.anyOf());
    }

    private static boolean grantsAny(Set<Permission> granted, Set<Permission> anyOf) {
        for (Permission permission : anyOf) {
            if (granted.contains(permission)) {
                return true;
            }
        }
        return false;
    }
}
