package ai.migma.gateway.proxy;

import ai.migma.gateway.apikey.Permission;
import ai.migma.gateway.ratelimit.RouteBudget;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.web.util.pattern.PathPattern;

/**
 * One proxy route as checked at startup ({@link ProxyRoutes}): what it matches, where it forwards and what a key
 * needs to go through.
 *
 * @param methods upper case; empty: every method
 * @param origin the upstream's scheme, host and port, no path
 * @param basePath the upstream's path to put before the forwarded one, {@code ""} for none
 * @param budget the route's own budget, or {@code null}
 * @param maxBodyBytes the largest body forwarded, {@link Long#MAX_VALUE} for no limit
 */
record ProxyRoute(String id, PathPattern pattern, Set<String> methods, URI origin, String basePath,
        List<Permission> scopes, int stripPrefix, boolean forwardAuthorization, Duration connectTimeout,
        Duration responseTimeout, RouteBudget budget, long maxBodyBytes) {

    boolean allows(String method) {
        return methods.isEmpty() || methods.contains(method) || ("HEAD".equals(method) && methods.contains("GET"));
    }

    /**
     * The upstream path of {@code requestPath} (raw, still percent-encoded, so what the client encoded reaches the
     * upstream encoded): {@code stripPrefix} segments off, the base path before.
     */
    String upstreamPath(String requestPath) {
        String path = requestPath;
        for (int i = 0; i < stripPrefix && !path.isEmpty(); i++) {
            int next = path.indexOf('/', 1);
            path = next < 0 ? "" : path.substring(next);
        }
        if (path.isEmpty()) {
            path = "/";
        }
        return basePath.isEmpty() ? path : "/".equals(path) ? basePath : basePath + path;
    }
}
