package ai.migma.gateway.authorization;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.apikey.Permission;
import ai.migma.gateway.web.ErrorCode;
import ai.migma.gateway.web.ErrorRenderer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The authorization step, and the table's default deny: the {@link RoutePermissions} rule of the route a request
 * will run decides which permissions admit it, a key with none of them gets the 403, and a request that no rule
 * admits never reaches a handler: 405 when the table knows its path under another method, 404 otherwise.
 *
 * <p>Rules are matched the way Spring MVC picks a handler, so the rule that admits a request is the one of the
 * handler that will run: {@code HEAD} is the {@code GET} of the same path (MVC serves it with the GET handler), and
 * among patterns that match, the most specific wins ({@code /webhooks/events} before {@code /webhooks/{id}}),
 * whatever the table's order. A path without variables is found in a map by its exact text; only a miss (an id, an
 * encoded or unlisted path) walks the patterns, most specific first, and only those that can match the path's first
 * two segments.
 */
public final class RouteAuthorizationFilter extends HttpFilter {

    static final String INSUFFICIENT_PERMISSIONS = "Insufficient permissions";

    private record CompiledRule(String method, PathPattern pattern, Set<Permission> anyOf) {
    }

    /** Method → exact path → what its rule requires. */
    private final Map<String, Map<String, Set<Permission>>> literalRoutes = new HashMap<>();
    /** Every rule, most specific pattern first, under the literal segments its pattern starts with. */
    private final Prefix rules;
    private final ErrorRenderer errors;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    public RouteAuthorizationFilter(List<RoutePermissions.Rule> rules, ErrorRenderer errors) {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        List<CompiledRule> compiled = rules.stream()
                .map(rule -> new CompiledRule(rule.method().name(), parser.parse(rule.pattern()), permissions(rule)))
                .sorted(Comparator.comparing(CompiledRule::pattern, PathPattern.SPECIFICITY_COMPARATOR))
                .toList();
        this.rules = Prefix.index(compiled);
        for (CompiledRule rule : compiled) {
            if (!rule.pattern().hasPatternSyntax()) {
                literalRoutes.computeIfAbsent(rule.method(), method -> new HashMap<>())
                        .putIfAbsent(rule.pattern().getPatternString(), rule.anyOf());
            }
        }
        this.errors = errors;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ApiKeyPrincipal key = ApiKeyPrincipal.of(contexts.getContext().getAuthentication());
        if (key == null) {
            // The authentication step answers every request without a valid key, so this is a wiring mistake.
            throw new IllegalStateException("No API key authentication before the authorization step");
        }
        Set<Permission> required = requiredFor(request);
        if (required == null) {
            refuseUnlisted(request, response);
            return;
        }
        if (!required.isEmpty() && !grantsAny(key.key().permissions(), required)) {
            errors.write(request, response, ErrorCode.FORBIDDEN, INSUFFICIENT_PERMISSIONS);
            return;
        }
        chain.doFilter(request, response);
    }

    /** What the request's rule requires (empty: any valid key), or {@code null} when no rule admits it. */
    Set<Permission> requiredFor(HttpServletRequest request) {
        String method = ruleMethod(request.getMethod());
        Map<String, Set<Permission>> paths = literalRoutes.get(method);
        Set<Permission> literal = paths == null ? null : paths.get(request.getRequestURI());
        if (literal != null) {
            return literal;
        }
        // Walked without collecting the route: this runs on every request whose path holds an id.
        PathContainer path = pathOf(request);
        List<CompiledRule> rules = this.rules.candidatesFor(path);
        for (int i = nextOfRoute(rules, path, 0); i >= 0; i = nextOfRoute(rules, path, i + 1)) {
            CompiledRule rule = rules.get(i);
            if (rule.method().equals(method)) {
                return rule.anyOf();
            }
        }
        return null;
    }

    /** The methods the table admits on the request's route, {@code HEAD} with every {@code GET}. */
    Set<String> methodsFor(HttpServletRequest request) {
        PathContainer path = pathOf(request);
        List<CompiledRule> rules = this.rules.candidatesFor(path);
        Set<String> methods = new LinkedHashSet<>();
        for (int i = nextOfRoute(rules, path, 0); i >= 0; i = nextOfRoute(rules, path, i + 1)) {
            CompiledRule rule = rules.get(i);
            methods.add(rule.method());
            if (rule.method().equals("GET")) {
                methods.add("HEAD");
            }
        }
        return methods;
    }

    /**
     * The index in {@code rules} (the candidates for {@code path}, most specific first) of the next rule of the route
     * of {@code path} from {@code from} on, or -1. The route is the rules that match, from the first match on, as
     * long as each is {@link #sameRoute} as the one before; so {@code from} is 0 or one past a rule of the route, and
     * a whole walk matches each rule once.
     */
    private static int nextOfRoute(List<CompiledRule> rules, PathContainer path, int from) {
        CompiledRule previous = from == 0 ? null : rules.get(from - 1);
        for (int i = from; i < rules.size(); i++) {
            CompiledRule rule = rules.get(i);
            if (rule.pattern().matches(path)) {
                return previous == null || sameRoute(previous, rule) ? i : -1;
            }
        }
        return -1;
    }

    /**
     * Whether {@code rule}, which matches the path after {@code first} in specificity order, belongs to the same
     * route: the route is the most specific pattern that matches, whatever its methods, so a literal path is its
     * own route, never an id of a template beside it ({@code GET /projects/import} is not {@code GET /projects/{id}}
     * but a method {@code /projects/import} does not allow).
     */
    private static boolean sameRoute(CompiledRule first, CompiledRule rule) {
        return PathPattern.SPECIFICITY_COMPARATOR.compare(first.pattern(), rule.pattern()) >= 0;
    }

    private void refuseUnlisted(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Set<String> allowed = methodsFor(request);
        if (allowed.isEmpty()) {
            errors.write(request, response, ErrorCode.NOT_FOUND, "Not found");
        } else {
            response.setHeader(HttpHeaders.ALLOW, String.join(", ", allowed));
            errors.write(request, response, ErrorCode.METHOD_NOT_ALLOWED,
                    "Method " + request.getMethod() + " is not allowed here");
        }
    }

    /** Spring MVC answers {@code HEAD} with the {@code GET} handler, so it needs what that GET needs. */
    private static String ruleMethod(String method) {
        return "HEAD".equals(method) ? "GET" : method;
    }

    /** Parsed once per request: Spring Security's chain has parsed and kept it for its own matchers. */
    private static PathContainer pathOf(HttpServletRequest request) {
        RequestPath path = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request)
                : RequestPath.parse(request.getRequestURI(), request.getContextPath());
        return path.pathWithinApplication();
    }

    private static Set<Permission> permissions(RoutePermissions.Rule rule) {
        return Set.copyOf(rule.anyOf());
    }

    private static boolean grantsAny(Set<Permission> granted, Set<Permission> anyOf) {
        for (Permission permission : anyOf) {
            if (granted.contains(permission)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The rules that can match a path, by its first two segments. A pattern that starts with literal segments
     * ({@code /v1/projects/{id}}, {@code /orders/**}) can match only paths that start with them, so a path under
     * {@code /v1/projects} is tried against that route's patterns and those that start with a variable, not against
     * the hundred others of the table; each list keeps the table's specificity order, so the walk finds what it
     * found over the whole table. Segments are compared decoded, as the patterns match them.
     */
    private record Prefix(List<CompiledRule> rules, Map<String, Prefix> next) {

        /** Literal segments deep enough to split the built-in table into its resources. */
        private static final int DEPTH = 2;

        static Prefix index(List<CompiledRule> all) {
            return build(all, List.of());
        }

        private static Prefix build(List<CompiledRule> all, List<String> path) {
            List<CompiledRule> rules = all.stream().filter(rule -> startsWithin(literalPrefix(rule), path)).toList();
            Map<String, Prefix> next = new HashMap<>();
            if (path.size() < DEPTH) {
                for (CompiledRule rule : rules) {
                    List<String> prefix = literalPrefix(rule);
                    if (prefix.size() > path.size()) {
                        String segment = prefix.get(path.size());
                        if (!next.containsKey(segment)) {
                            List<String> deeper = new ArrayList<>(path);
                            deeper.add(segment);
                            next.put(segment, build(all, List.copyOf(deeper)));
                        }
                    }
                }
            }
            return new Prefix(rules, Map.copyOf(next));
        }

        /** Whether a rule starting with {@code prefix} may match a path starting with {@code path}. */
        private static boolean startsWithin(List<String> prefix, List<String> path) {
            int common = Math.min(prefix.size(), path.size());
            return prefix.subList(0, common).equals(path.subList(0, common));
        }

        /** The pattern's leading literal segments, at most {@link #DEPTH}. */
        private static List<String> literalPrefix(CompiledRule rule) {
            List<String> literal = new ArrayList<>();
            for (String segment : rule.pattern().getPatternString().split("/")) {
                if (segment.isEmpty()) {
                    continue;
                }
                if (literal.size() == DEPTH || segment.indexOf('{') >= 0 || segment.indexOf('*') >= 0
                        || segment.indexOf('?') >= 0) {
                    break;
                }
                literal.add(segment);
            }
            return literal;
        }

        List<CompiledRule> candidatesFor(PathContainer path) {
            Prefix node = this;
            for (PathContainer.Element element : path.elements()) {
                if (element instanceof PathContainer.PathSegment segment) {
                    Prefix child = node.next.get(segment.valueToMatch());
                    if (child == null) {
                        break;
                    }
                    node = child;
                    if (node.next.isEmpty()) {
                        break;
                    }
                }
            }
            return node.rules;
        }
    }
}
