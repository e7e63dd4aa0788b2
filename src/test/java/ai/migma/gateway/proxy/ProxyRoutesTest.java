package ai.migma.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.migma.gateway.authorization.RoutePermissions;
import ai.migma.gateway.support.UnitTest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;

/** The checks a route passes at startup, so a mistake stops the gateway with a sentence, never a request. */
@UnitTest
class ProxyRoutesTest {

    private static ProxyProperties.Route route(String id, String path, String uri, List<String> methods,
            List<String> scopes, int stripPrefix) {
        return new ProxyProperties.Route(id, path, methods, uri == null ? null : URI.create(uri), scopes, stripPrefix,
                false, Duration.ofSeconds(2), Duration.ofSeconds(30), null, null);
    }

    private static ProxyRoutes routes(boolean builtInApi, ProxyProperties.Route... routes) {
        return new ProxyRoutes(new ProxyProperties(List.of(routes), List.of(), builtInApi,
                new ProxyProperties.Assertion("migma-gateway", Duration.ofMinutes(5), Duration.ofHours(24))));
    }

    @Test
    void refusesAPathThatWouldHideTheGatewaysOwn() {
        for (String path : List.of("/**", "/admin/**", "/actuator/**", "/dashboard/**", "/.well-known/**", "/{any}/**",
                "/v1/**", "/v1/orders", "/actuator/prometheus", "/admin/reports/**", "/admin/v1/accounts/{id}/api-keys/**",
                "/{x}/prometheus", "/error")) {
            assertThatThrownBy(() -> routes(true, route("r", path, "http://orders:8080", List.of(), List.of(), 0)))
                    .as(path).isInstanceOf(IllegalStateException.class).hasMessageContaining("gateway's own");
        }
        // /v1 is the operator's once the built-in resources are off.
        assertThat(routes(false, route("r", "/v1/**", "http://orders:8080", List.of(), List.of(), 0)).paths())
                .containsExactly("/v1/**");
        assertThatThrownBy(() -> routes(false, route("r", "/admin/**", "http://orders:8080", List.of(), List.of(), 0)))
                .hasMessageContaining("/admin");
    }

    @Test
    void refusesWhatCannotBeForwarded() {
        assertThatThrownBy(() -> routes(true, route("r", "/orders/**", "ftp://orders", List.of(), List.of(), 0)))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> routes(true, route("r", "/orders/**", "orders:8080", List.of(), List.of(), 0)))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> routes(true, route("r", "/orders/**", null, List.of(), List.of(), 0)))
                .hasMessageContaining("uri");
        assertThatThrownBy(() -> routes(true, route("r", "/orders/**", "http://user:s3cret@orders", List.of(),
                List.of(), 0))).hasMessageContaining("user name or password").message().doesNotContain("s3cret");
        assertThatThrownBy(() -> routes(true, route("r", "orders", "http://orders", List.of(), List.of(), 0)))
                .hasMessageContaining("starting with /");
        assertThatThrownBy(() -> routes(true, route("r", "/orders/**", "http://orders", List.of("BREW"), List.of(),
                0))).hasMessageContaining("unknown method BREW");
        assertThatThrownBy(() -> routes(true, route("r", "/orders/**", "http://orders", List.of(), List.of("Orders"),
                0))).hasMessageContaining("resource:action");
        assertThatThrownBy(() -> routes(true, route("has space", "/orders/**", "http://orders", List.of(), List.of(),
                0))).hasMessageContaining("MIGMA_PROXY_ROUTES_0_ID");
        assertThatThrownBy(() -> routes(true, route("a", "/a/**", "http://a", List.of(), List.of(), 0),
                route("a", "/b/**", "http://b", List.of(), List.of(), 0))).hasMessageContaining("Two proxy routes");
    }

    @Test
    void eachMethodIsARuleOfTheOneTableAndTheRoutesScopesBecomeCreatable() {
        ProxyRoutes routes = routes(true,
                route("read", "/orders/**", "http://orders:8080/api", List.of("get"), List.of("orders:read"), 1),
                route("write", "/orders/**", "http://orders:8080/api", List.of(), List.of("orders:write",
                        "audience:write"), 1));

        assertThat(routes.rules()).extracting(RoutePermissions.Rule::method).containsExactly(HttpMethod.GET,
                HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);
        assertThat(routes.scopes()).extracting(permission -> permission.scope())
                .containsExactly("orders:read", "orders:write");
        MockHttpServletRequest head = new MockHttpServletRequest("HEAD", "/orders/7");
        assertThat(routes.match(head).id()).isEqualTo("read");
        assertThat(routes.match(new MockHttpServletRequest("DELETE", "/orders/7")).id()).isEqualTo("write");
        assertThat(routes.match(new MockHttpServletRequest("GET", "/v1/projects"))).isNull();
        assertThat(routes.limitFor(new MockHttpServletRequest("POST", "/orders"))).isEqualTo(Long.MAX_VALUE);
        assertThat(routes.limitFor(new MockHttpServletRequest("POST", "/v1/contacts"))).isEqualTo(-1);
    }

    @Test
    void theMostSpecificPatternForwardsAsItAuthorizes() {
        // Listed general first: the route table would admit /orders/special/* by the special route's scope, so
        // the special route must be the one that forwards it too.
        ProxyRoutes routes = routes(true,
                route("general", "/orders/**", "http://orders", List.of(), List.of("orders:read"), 0),
                route("special", "/orders/special/**", "http://special", List.of(), List.of("special:read"), 0));

        assertThat(routes.match(new MockHttpServletRequest("GET", "/orders/special/1")).id()).isEqualTo("special");
        assertThat(routes.match(new MockHttpServletRequest("GET", "/orders/1")).id()).isEqualTo("general");
        assertThat(routes.all()).extracting(ProxyRoute::id).containsExactly("special", "general");
    }

    @Test
    void theUpstreamPathLosesTheStrippedSegmentsAndGainsTheBasePath() {
        ProxyRoute stripped = routes(true, route("r", "/orders/**", "http://orders:8080/api/", List.of(), List.of(),
                1)).all().get(0);
        assertThat(stripped.upstreamPath("/orders/items/7")).isEqualTo("/api/items/7");
        assertThat(stripped.upstreamPath("/orders")).isEqualTo("/api");
        ProxyRoute plain = routes(true, route("r", "/orders/**", "http://orders:8080", List.of(), List.of(), 0))
                .all().get(0);
        assertThat(plain.upstreamPath("/orders/a%20b")).isEqualTo("/orders/a%20b");
        ProxyRoute deep = routes(true, route("r", "/x/y/**", "http://orders", List.of(), List.of(), 5)).all().get(0);
        assertThat(deep.upstreamPath("/x/y/z")).isEqualTo("/");
    }
}
