package ai.migma.gateway.proxy;

import ai.migma.gateway.apikey.OperatorScopes;
import ai.migma.gateway.apikey.Permission;
import ai.migma.gateway.authorization.RoutePermissions;
import ai.migma.gateway.ratelimit.RouteBudget;
import ai.migma.gateway.web.RequestBodyLimits;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PatternParseException;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The proxy routes of {@code migma.proxy.routes}, checked once at startup so that a mistake stops the gateway with
 * a sentence naming the route, never a request: ids unique, paths outside the gateway's own prefixes, upstreams
 * absolute http(s) URIs, scopes well-formed. They feed the one route table (each method a rule with the route's
 * scopes), the rate limiter (a route's own budget), the body limit (bodies streamed, so unlimited unless set) and
 * the scope catalog (a route's scopes become creatable on keys).
 */
@Component
public final class ProxyRoutes implements OperatorScopes, RouteBudget.Finder, RequestBodyLimits {

    /** Request attribute holding the request's {@link Matched} route: matched once, read by every step. */
    private static final String ATTRIBUTE = ProxyRoutes.class.getName();

    /**
     * The route (or {@code null}) of a method and path. The path is kept with it: an error dispatch of the same
     * request (to {@code /error}) carries the attribute along, and must not be taken for the proxied request.
     */
    private record Matched(String uri, String method, ProxyRoute route) {
    }
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    /** Without methods, a route forwards these (HEAD with GET). */
    private static final List<HttpMethod> ALL_METHODS = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);
    /** Paths of the gateway's own: a proxy path matching one of these would hide it. */
    private static final List<String> OWN_PATHS = List.of("/admin/v1/accounts", "/actuator/health",
            "/actuator/prometheus", "/dashboard", "/dashboard/login", "/.well-known/jwks.json", "/v3/api-docs",
            "/swagger-ui.html", "/swagger-ui/index.html", "/error");
    /** First path segments that are the gateway's own, whatever follows them. */
    private static final Set<String> OWN_FIRST_SEGMENTS = Set.of("admin", "actuator", "dashboard", ".well-known",
            "v3", "swagger-ui", "swagger-ui.html", "error");
    private static final List<String> BUILT_IN_API_PATHS = List.of("/v1", "/v1/projects", "/v1/contacts/x");

    private final List<ProxyRoute> routes;
    private final Map<String, Permission> scopes;
    private final boolean builtInApi;

    ProxyRoutes(ProxyProperties properties) {
        this.builtInApi = properties.builtInApi();
        this.scopes = new LinkedHashMap<>();
        for (ProxyProperties.Scope scope : properties.scopes()) {
            scopes.put(scope.name(), scope(scope.name(), scope.description(), "migma.proxy.scopes"));
        }
        List<ProxyRoute> compiled = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < properties.routes().size(); i++) {
            ProxyRoute route = compile(i, properties.routes().get(i));
            if (!ids.add(route.id())) {
                throw new IllegalStateException("Two proxy routes have the id " + route.id() + "; ids are unique");
            }
            compiled.add(route);
        }
        // The most specific pattern first, as the route table decides (a stable sort: listing order among equals),
        // so the route that forwards a request is always the one whose scopes admitted it.
        compiled.sort(Comparator.comparing(ProxyRoute::pattern, PathPattern.SPECIFICITY_COMPARATOR));
        this.routes = List.copyOf(compiled);
    }

    List<ProxyRoute> all() {
        return routes;
    }

    /** Whether any proxy route is configured. */
    public boolean any() {
        return !routes.isEmpty();
    }

    /** Whether the built-in Migma resources answer under {@code /v1}. */
    public boolean builtInApi() {
        return builtInApi;
    }

    /** The path patterns of every route, for the API chain's matcher. */
    public List<String> paths() {
        return routes.stream().map(route -> route.pattern().getPatternString()).distinct().toList();
    }

    /** The route table's rules of every route: each method it forwards, with its scopes. */
    public List<RoutePermissions.Rule> rules() {
        List<RoutePermissions.Rule> rules = new ArrayList<>();
        for (ProxyRoute route : routes) {
            for (HttpMethod method : ALL_METHODS) {
                if (route.methods().isEmpty() || route.methods().contains(method.name())) {
                    rules.add(new RoutePermissions.Rule(method, route.pattern().getPatternString(), route.scopes()));
                }
            }
        }
        return rules;
    }

    @Override
    public List<Permission> scopes() {
        return List.copyOf(scopes.values());
    }

    @Override
    public RouteBudget of(HttpServletRequest request) {
        ProxyRoute route = match(request);
        return route == null ? null : route.budget();
    }

    @Override
    public long limitFor(HttpServletRequest request) {
        ProxyRoute route = match(request);
        return route == null ? -1 : route.maxBodyBytes();
    }

    /**
     * The route whose pattern and methods take the request, or {@code null}: the most specific pattern when several
     * do, then the first listed.
     */
    ProxyRoute match(HttpServletRequest request) {
        if (routes.isEmpty()) {
            return null;
        }
        String uri = request.getRequestURI();
        String method = request.getMethod();
        if (request.getAttribute(ATTRIBUTE) instanceof Matched matched && matched.uri().equals(uri)
                && matched.method().equals(method)) {
            return matched.route();
        }
        ProxyRoute found = null;
        PathContainer path = PathContainer.parsePath(uri);
        for (ProxyRoute route : routes) {
            if (route.allows(method) && route.pattern().matches(path)) {
                found = route;
                break;
            }
        }
        request.setAttribute(ATTRIBUTE, new Matched(uri, method, found));
        return found;
    }

    private ProxyRoute compile(int index, ProxyProperties.Route route) {
        String where = "migma.proxy.routes[" + index + "]";
        if (route.id() == null || !ID.matcher(route.id()).matches()) {
            throw new IllegalStateException(where + ".id (MIGMA_PROXY_ROUTES_" + index + "_ID) must be letters, digits,"
                    + " - and _, up to 63: it names the route in usage, logs and the assertion; got " + route.id());
        }
        where = "proxy route " + route.id();
        PathPattern pattern = pattern(where, route.path());
        // Two checks: the pattern's first segment, when literal, is not one of the gateway's (so /admin/reports/**
        // and /actuator/prometheus are refused although no sample path matches them), and the pattern matches none
        // of the gateway's own paths (so /** and /{any}/** are refused).
        String first = route.path().substring(1).split("/", 2)[0];
        if (OWN_FIRST_SEGMENTS.contains(first) || (builtInApi && first.equals("v1"))) {
            refuseOwn(where, route.path(), "/" + first);
        }
        for (String own : builtInApi ? concat(OWN_PATHS, BUILT_IN_API_PATHS) : OWN_PATHS) {
            if (pattern.matches(PathContainer.parsePath(own))) {
                refuseOwn(where, route.path(), own);
            }
        }
        URI uri = route.uri();
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme())
                || "https".equals(uri.getScheme())) || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalStateException(where + ": uri must be an absolute http or https URI with a host and no "
                    + "query, e.g. http://orders:8080 or http://orders:8080/api; got " + uri);
        }
        if (uri.getRawUserInfo() != null) {
            // Not echoed: it would put the password in the log.
            throw new IllegalStateException(where + ": uri must not carry a user name or password; the upstream "
                    + "learns who calls from the identity headers and the assertion (docs/PROXY.md)");
        }
        URI origin = URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
        String basePath = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        Set<String> methods = new LinkedHashSet<>();
        for (String method : route.methods()) {
            String name = method.trim().toUpperCase(Locale.ROOT);
            if (ALL_METHODS.stream().noneMatch(known -> known.name().equals(name))) {
                throw new IllegalStateException(where + ": unknown method " + method + " (GET, POST, PUT, PATCH, DELETE,"
                        + " OPTIONS; HEAD comes with GET)");
            }
            methods.add(name);
        }
        List<Permission> routeScopes = new ArrayList<>();
        for (String name : route.scopes()) {
            Permission permission = scopes.get(name.trim());
            if (permission == null) {
                permission = scope(name.trim(), null, where + " scopes");
                if (!permission.isBuiltIn()) {
                    scopes.put(permission.scope(), permission);
                }
            }
            routeScopes.add(permission);
        }
        if (route.stripPrefix() < 0) {
            throw new IllegalStateException(where + ": strip-prefix must be 0 or more");
        }
        positive(where, "connect-timeout", route.connectTimeout().toMillis());
        positive(where, "response-timeout", route.responseTimeout().toMillis());
        RouteBudget budget = null;
        if (route.limitPerMinute() != null) {
            positive(where, "limit-per-minute", route.limitPerMinute());
            budget = new RouteBudget(route.id(), route.limitPerMinute());
        }
        long maxBody = route.maxBodySize() == null ? Long.MAX_VALUE : route.maxBodySize().toBytes();
        positive(where, "max-body-size", maxBody);
        return new ProxyRoute(route.id(), pattern, Set.copyOf(methods), origin, basePath, List.copyOf(routeScopes),
                route.stripPrefix(), route.forwardAuthorization(), route.connectTimeout(), route.responseTimeout(),
                budget, maxBody);
    }

    private static void refuseOwn(String where, String path, String own) {
        throw new IllegalStateException(where + ": path " + path + " would take the gateway's own " + own
                + (own.startsWith("/v1") ? " (set MIGMA_PROXY_BUILT_IN_API=false to hand /v1 over)" : "")
                + "; give the route a prefix of its own, e.g. /orders/**");
    }

    private static PathPattern pattern(String where, String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalStateException(where + ": path must be a path pattern starting with /, e.g. /orders/**;"
                    + " got " + path);
        }
        try {
            return PathPatternParser.defaultInstance.parse(path);
        } catch (PatternParseException invalid) {
            throw new IllegalStateException(where + ": path " + path + " is not a path pattern: "
                    + invalid.getMessage());
        }
    }

    private static Permission scope(String name, String description, String where) {
        try {
            return Permission.of(name, description);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalStateException(where + ": " + malformed.getMessage());
        }
    }

    private static void positive(String where, String setting, long value) {
        if (value <= 0) {
            throw new IllegalStateException(where + ": " + setting + " must be positive; got " + value);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
