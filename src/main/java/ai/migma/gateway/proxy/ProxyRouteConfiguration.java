package ai.migma.gateway.proxy;

import ai.migma.gateway.web.ErrorRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.RequestHttpHeadersFilter;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.ResponseHttpHeadersFilter;
import org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions;
import org.springframework.cloud.gateway.server.mvc.handler.RestClientProxyExchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

/**
 * The proxy routes as Spring Cloud Gateway Server MVC router functions. They run as handlers, after the API chain
 * (key, usage, rate limit, route table) has admitted the request exactly as for {@code /v1}: what reaches a
 * handler here is allowed. Each route has its own Apache HttpClient, so its timeouts are its own.
 */
@Configuration(proxyBeanMethods = false)
class ProxyRouteConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProxyRouteConfiguration.class);
    /** Connections kept per route: above the request threads (200), so a busy route never queues for one. */
    private static final int CONNECTIONS_PER_ROUTE = 256;

    /**
     * Where the router functions are asked. Spring asks them before the annotated controllers, which a proxy route
     * needs: it must be what runs for its path, the route whose rule admitted the request, even under {@code /v1}
     * where the built-in controllers stay registered while the built-in API is switched off. Without routes nothing
     * needs that, and asked first the mapping built a request object and asked Spring Cloud Gateway's own
     * (property-defined, here empty) routes for every API request: about 1 µs a request (docs/PERFORMANCE.md). So
     * then they are asked after the controllers and the actuator, before the static resources' catch-all.
     */
    @Bean
    static BeanPostProcessor routerFunctionsFirstOnlyWithRoutes(ObjectProvider<ProxyRoutes> routes) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof RouterFunctionMapping mapping && !routes.getObject().any()) {
                    mapping.setOrder(ROUTER_FUNCTIONS_WITHOUT_ROUTES);
                }
                return bean;
            }
        };
    }

    /** After the application's controllers (0) and the actuator's (1, WebConfiguration). */
    static final int ROUTER_FUNCTIONS_WITHOUT_ROUTES = 2;

    /**
     * First among the router functions: a proxied request is matched here without asking Spring Cloud Gateway's
     * property-defined routes, whose holder is looked up in the bean factory on every request.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> proxyRouterFunction(ProxyRoutes routes, GatewayMvcProperties gateway,
            ObjectProvider<RequestHttpHeadersFilter> requestFilters,
            ObjectProvider<ResponseHttpHeadersFilter> responseFilters, CallerIdentity identity, ErrorRenderer errors,
            @Value("${server.servlet.session.cookie.name:JSESSIONID}") String sessionCookie) {
        ProxyHeaderFilters filters = new ProxyHeaderFilters(requestFilters, responseFilters);
        List<RouterFunction<ServerResponse>> functions = new ArrayList<>();
        for (ProxyRoute route : routes.all()) {
            RestClientProxyExchange exchange = new RestClientProxyExchange(RestClient.builder()
                    .requestFactory(new HttpComponentsClientHttpRequestFactory(client(route))).build(), gateway);
            // The request's route was found once, by the steps before (ProxyRoutes.match, kept on the request): the
            // router asks for that result rather than matching path and method again by rules of its own.
            functions.add(GatewayRouterFunctions.route(route.id())
                    .route(request -> routes.match(request.servletRequest()) == route,
                            new ProxyHandler(route, exchange, filters, identity, errors, sessionCookie))
                    .build());
            log.info("Proxy route {}: {} {} -> {}{} (scopes {})", route.id(),
                    route.methods().isEmpty() ? "any method" : route.methods(), route.pattern(), route.origin(),
                    route.basePath(), route.scopes().isEmpty() ? "any key" : route.scopes());
        }
        // No routes: a router function that matches nothing, so MVC's mapping stays as it was.
        return functions.stream().reduce(RouterFunction::and).orElse(request -> Optional.empty());
    }

    /**
     * No retries of a POST or a streamed body (it must not reach the upstream twice), no redirects followed (the
     * client sees them), no decompression (bodies pass as sent), no cookies kept between callers. The response
     * timeout bounds each wait for the upstream, not the whole exchange, so a long download is never cut while bytes
     * keep coming.
     */
    private static CloseableHttpClient client(ProxyRoute route) {
        Timeout connect = Timeout.of(route.connectTimeout());
        Timeout response = Timeout.of(route.responseTimeout());
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(CONNECTIONS_PER_ROUTE).setMaxConnTotal(CONNECTIONS_PER_ROUTE)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect)
                                .setSocketTimeout(response).setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(connect)
                        .setResponseTimeout(response).setRedirectsEnabled(false).build())
                // Upstreams close idle keep-alive connections without saying so (2-5 s is common): a pooled
                // connection idle for a second is checked before use, idle ones are closed after 30 s, and a request
                // the upstream never answered on a reused connection is sent once more only if its method is
                // idempotent and its body repeatable (never a streamed POST).
                .evictIdleConnections(TimeValue.ofSeconds(30)).evictExpiredConnections()
                .setRetryStrategy(new DefaultHttpRequestRetryStrategy(1, TimeValue.ZERO_MILLISECONDS))
                .disableRedirectHandling().disableContentCompression().disableCookieManagement().build();
    }
}
