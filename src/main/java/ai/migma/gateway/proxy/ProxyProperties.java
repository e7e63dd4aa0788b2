package ai.migma.gateway.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The operator's own services behind the gateway ({@code migma.proxy.*}, docs/PROXY.md): each route forwards what
 * matches its path to an upstream, after the same key, scope, rate-limit and usage steps as {@code /v1}.
 *
 * @param routes in environment variables {@code MIGMA_PROXY_ROUTES_0_PATH}, {@code MIGMA_PROXY_ROUTES_0_URI}, ...
 * @param scopes descriptions of the operator's scopes, shown beside them in the dashboard; a scope a route names is
 *     creatable on keys whether or not it is described here
 * @param builtInApi {@code false} switches the built-in Migma resources off: {@code /v1} then answers 404 to any
 *     route the proxy does not define, and the gateway fronts only the operator's services
 *     ({@code MIGMA_PROXY_BUILT_IN_API})
 * @param assertion the signed statement of the caller's identity each upstream request carries
 */
@ConfigurationProperties("migma.proxy")
public record ProxyProperties(@DefaultValue List<Route> routes, @DefaultValue List<Scope> scopes,
        @DefaultValue("true") boolean builtInApi, @DefaultValue Assertion assertion) {

    /**
     * One route.
     *
     * @param id names the route in usage, logs, the assertion's audience and the per-route bucket
     * @param path a Spring path pattern, e.g. {@code /orders/**}; not under the gateway's own prefixes
     * @param methods the methods forwarded (all when empty); {@code GET} brings {@code HEAD} with it
     * @param uri the upstream, {@code http(s)://host[:port][/base-path]}; the base path is put before the request's
     *     path (after {@code stripPrefix})
     * @param scopes a key needs one of them (any valid key when empty): built-in scopes or the operator's own
     * @param stripPrefix leading path segments removed before forwarding ({@code 1}: {@code /orders/7} → {@code /7})
     * @param forwardAuthorization whether the client's {@code Authorization} header (its API key) reaches the
     *     upstream; off by default, the upstream learns who called from the identity headers and the assertion
     * @param connectTimeout to open a connection to the upstream; past it the client gets 504
     * @param responseTimeout the longest the upstream may stay silent, before its response headers and between
     *     reads of its body; past it the client gets 504 (or, once the body has started, a cut response)
     * @param limitPerMinute this route's own budget per account and environment, beside the plan's; none when unset
     * @param maxBodySize the largest request body forwarded; unlimited when unset (bodies are streamed)
     */
    public record Route(String id, String path, @DefaultValue List<String> methods, URI uri,
            @DefaultValue List<String> scopes, @DefaultValue("0") int stripPrefix,
            @DefaultValue("false") boolean forwardAuthorization, @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("30s") Duration responseTimeout, Integer limitPerMinute, DataSize maxBodySize) {
    }

    /** An operator's scope and the words the dashboard shows beside it. */
    public record Scope(String name, @DefaultValue("") String description) {
    }

    /**
     * The assertion (a JWT signed with ES256, docs/PROXY.md).
     *
     * @param issuer its {@code iss}
     * @param lifetime how long one is valid; the gateway reuses one per key and route for half of it
     * @param rotation how long an instance signs with one key pair before making the next
     */
    public record Assertion(@DefaultValue("migma-gateway") String issuer, @DefaultValue("5m") Duration lifetime,
            @DefaultValue("24h") Duration rotation) {
    }
}
