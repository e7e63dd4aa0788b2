package ai.migma.gateway.proxy;

import ai.migma.gateway.web.BodyTooLargeException;
import ai.migma.gateway.web.ErrorCode;
import ai.migma.gateway.web.ErrorRenderer;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Forwards one route's requests through Spring Cloud Gateway's {@link ProxyExchange}, which streams both bodies.
 * The upstream URL is built from the raw request line (path still percent-encoded, query string as sent) rather
 * than from decoded parameters, which would also read, and so lose, a form body. Request headers go through
 * Spring Cloud Gateway's header filters (hop-by-hop headers out) and then {@link CallerIdentity}; response headers
 * through its response filters, minus those the gateway sets itself on every response. An upstream that refuses
 * or cannot be reached is a 502, one that does not answer in time a 504, both in the gateway's error envelope.
 */
final class ProxyHandler implements HandlerFunction<ServerResponse> {

    private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);

    /**
     * Headers the gateway writes on every response of the API chain: the gateway's, not the upstream's, reach the
     * client. Removed from the upstream's in place, not filtered into a copy: this runs on every proxied response.
     */
    private static final List<String> GATEWAY_RESPONSE_HEADERS = List.of("X-Request-Id", "X-RateLimit-Limit",
            "X-RateLimit-Remaining", "X-RateLimit-Reset", "RateLimit", "RateLimit-Policy", "X-Content-Type-Options",
            "Cache-Control");

    private final ProxyRoute route;
    private final ProxyExchange exchange;
    private final ProxyHeaderFilters filters;
    private final CallerIdentity identity;
    private final ErrorRenderer errors;
    private final String sessionCookie;

    ProxyHandler(ProxyRoute route, ProxyExchange exchange, ProxyHeaderFilters filters, CallerIdentity identity,
            ErrorRenderer errors, String sessionCookie) {
        this.route = route;
        this.exchange = exchange;
        this.filters = filters;
        this.identity = identity;
        this.errors = errors;
        this.sessionCookie = sessionCookie;
    }

    @Override
    public ServerResponse handle(ServerRequest request) {
        HttpServletRequest servlet = request.servletRequest();
        String query = servlet.getQueryString();
        URI url;
        try {
            url = URI.create(route.origin() + route.upstreamPath(servlet.getRequestURI())
                    + (query == null ? "" : "?" + query));
        } catch (IllegalArgumentException malformed) {
            return error(ErrorCode.VALIDATION_ERROR, "Malformed request path or query");
        }
        HttpHeaders headers = filters.request(request.headers().asHttpHeaders(), request);
        headers.remove(HttpHeaders.HOST);
        identity.apply(headers, servlet, route);
        ProxyExchange.Request forwarded = exchange.request(request).uri(url).headers(headers)
                .responseConsumer((response, serverResponse) -> {
                    HttpHeaders kept = serverResponse.headers();
                    kept.putAll(filters.response(response.getHeaders(), serverResponse));
                    GATEWAY_RESPONSE_HEADERS.forEach(kept::remove);
                    withoutSessionCookie(kept);
                })
                .build();
        try {
            return exchange.exchange(forwarded);
        } catch (ResourceAccessException | UncheckedIOException failure) {
            if (causedBy(failure, BodyTooLargeException.class)) {
                return error(ErrorCode.PAYLOAD_TOO_LARGE, "Request body larger than this route accepts");
            }
            if (causedBy(failure, ClientAbortException.class)) {
                // Reading the client's body failed (it stalled past the server's read timeout, or left): the
                // upstream's request is abandoned with it, and the fault is the client's, not the upstream's.
                log.debug("Proxy route {}: the client's body did not arrive ({})", route.id(), failure.toString());
                return error(ErrorCode.REQUEST_TIMEOUT, "The request body did not arrive in time");
            }
            boolean timedOut = causedBy(failure, InterruptedIOException.class);
            log.info("Proxy route {}: upstream {} {} ({})", route.id(), route.origin(),
                    timedOut ? "timed out" : "failed", failure.getCause() == null ? failure : failure.getCause());
            return timedOut ? error(ErrorCode.GATEWAY_TIMEOUT, "The upstream service did not answer in time")
                    : error(ErrorCode.BAD_GATEWAY, "The upstream service could not be reached");
        }
    }

    /**
     * An upstream may set cookies of its own, never the dashboard's session cookie: that would let it choose the
     * session a user of the dashboard signs in with.
     */
    private void withoutSessionCookie(HttpHeaders headers) {
        List<String> cookies = headers.get(HttpHeaders.SET_COOKIE);
        if (cookies != null && cookies.stream().anyMatch(this::setsSessionCookie)) {
            headers.put(HttpHeaders.SET_COOKIE, cookies.stream().filter(cookie -> !setsSessionCookie(cookie)).toList());
        }
    }

    private boolean setsSessionCookie(String setCookie) {
        return setCookie.stripLeading().regionMatches(true, 0, sessionCookie + "=", 0, sessionCookie.length() + 1);
    }

    private ServerResponse error(ErrorCode code, String message) {
        return ServerResponse.status(code.status()).build((request, response) -> {
            errors.write(request, response, code, message);
            return null;
        });
    }

    /**
     * Whether {@code type} is among the causes. Connect and read timeouts are both {@link InterruptedIOException}s
     * (SocketTimeoutException among them); Tomcat reports a failed read of the client's body as a
     * {@link ClientAbortException}, whatever its cause.
     */
    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

}
