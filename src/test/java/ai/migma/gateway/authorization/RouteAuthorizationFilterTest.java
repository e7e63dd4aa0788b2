package ai.migma.gateway.authorization;

import static ai.migma.gateway.apikey.Permission.AUDIENCE_READ;
import static ai.migma.gateway.apikey.Permission.WEBHOOK_READ;
import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.apikey.ApiKeySnapshot;
import ai.migma.gateway.apikey.KeyEnvironment;
import ai.migma.gateway.apikey.Permission;
import ai.migma.gateway.support.UnitTest;
import ai.migma.gateway.web.ErrorRenderer;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import tools.jackson.databind.json.JsonMapper;

/**
 * The table's rules as the filter applies them: the rule of the handler that will run decides (the most specific
 * pattern, HEAD as GET), and what no rule admits never reaches the chain, even for a key that holds every
 * permission. Over HTTP the real table is covered by PermissionMatrixTest.
 */
@UnitTest
class RouteAuthorizationFilterTest {

    private final RouteAuthorizationFilter filter = new RouteAuthorizationFilter(List.of(
            new RoutePermissions.Rule(HttpMethod.GET, "/v1/things/{id}", List.of(AUDIENCE_READ)),
            new RoutePermissions.Rule(HttpMethod.GET, "/v1/things/special", List.of(WEBHOOK_READ)),
            new RoutePermissions.Rule(HttpMethod.DELETE, "/v1/things/{id}", List.of(AUDIENCE_READ)),
            new RoutePermissions.Rule(HttpMethod.GET, "/v1/open", List.of())),
            new ErrorRenderer(JsonMapper.builder().build()));

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theMostSpecificPatternDecidesWhateverTheTablesOrder() {
        assertThat(filter.requiredFor(new MockHttpServletRequest("GET", "/v1/things/special")))
                .containsExactly(WEBHOOK_READ);
        assertThat(filter.requiredFor(new MockHttpServletRequest("GET", "/v1/things/42")))
                .containsExactly(AUDIENCE_READ);
        // Percent-encoded, the literal shortcut misses; the pattern walk decodes as MVC does and finds the same rule.
        assertThat(filter.requiredFor(new MockHttpServletRequest("GET", "/v1/things/speci%61l")))
                .containsExactly(WEBHOOK_READ);
    }

    /** Patterns are tried only under the path's first segments: those starting with a variable stay candidates. */
    @Test
    void aPatternIsFoundWhateverItsPathStartsWithAndHoweverThePathIsEncoded() {
        RouteAuthorizationFilter table = new RouteAuthorizationFilter(List.of(
                new RoutePermissions.Rule(HttpMethod.GET, "/orders/**", List.of(WEBHOOK_READ)),
                new RoutePermissions.Rule(HttpMethod.GET, "/{tenant}/items", List.of(AUDIENCE_READ)),
                new RoutePermissions.Rule(HttpMethod.GET, "/v1/things/{id}", List.of(AUDIENCE_READ)),
                new RoutePermissions.Rule(HttpMethod.GET, "/v1/things/{id}/parts", List.of(WEBHOOK_READ)),
                new RoutePermissions.Rule(HttpMethod.GET, "/v1/other/{id}", List.of())),
                new ErrorRenderer(JsonMapper.builder().build()));

        // Both /orders/** and /{tenant}/items match; the template is the more specific, as MVC would pick it.
        assertThat(table.requiredFor(new MockHttpServletRequest("GET", "/orders/items")))
                .containsExactly(AUDIENCE_READ);
        assertThat(table.requiredFor(new MockHttpServletRequest("GET", "/orders/a/b"))).containsExactly(WEBHOOK_READ);
        assertThat(table.requiredFor(new MockHttpServletRequest("GET", "/orders"))).containsExactly(WEBHOOK_READ);
        assertThat(table.requiredFor(new MockHttpServletRequest("GET", "/shop/items"))).containsExactly(AUDIENCE_READ);
        assertThat(table.requiredFor(new MockHttpServletRequest("GET", "/v1/items"))).containsExactly(AUDIENCE_READ);
        assertThat(table.requiredFor(new MockHttpServletRequest("GET", "/v1/things/7/parts")))
                .containsExactly(WEBHOOK_READ);
        // The first segments are compared decoded, as the patterns match them.
        assertThat(table.requiredFor(new MockHttpServletRequest("GET", "/v%31/th%69ngs/7")))
                .containsExactly(AUDIENCE_READ);
        assertThat(table.requiredFor(new MockHttpServletRequest("GET", "/%6Frders/a/b")))
                .containsExactly(WEBHOOK_READ);
        assertThat(table.requiredFor(new MockHttpServletRequest("GET", "/v1/other/7"))).isEmpty();
        assertThat(table.requiredFor(new MockHttpServletRequest("GET", "/v1/nothing/7"))).isNull();
        assertThat(table.methodsFor(new MockHttpServletRequest("PUT", "/v%31/things/7")))
                .containsExactly("GET", "HEAD");
    }

    @Test
    void headNeedsWhatTheGetOfTheSamePathNeeds() {
        assertThat(filter.requiredFor(new MockHttpServletRequest("HEAD", "/v1/things/special")))
                .containsExactly(WEBHOOK_READ);
        assertThat(filter.requiredFor(new MockHttpServletRequest("HEAD", "/v1/things/42")))
                .containsExactly(AUDIENCE_READ);
        assertThat(filter.requiredFor(new MockHttpServletRequest("HEAD", "/v1/open"))).isEmpty();
    }

    @Test
    void headWithoutTheGetsPermissionIsRefusedWith403() throws Exception {
        authenticateWith(Set.of(WEBHOOK_READ));
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("HEAD", "/v1/things/42"), response, chain);

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void anUnlistedPathNeverReachesTheChainWhateverTheKeyHolds() throws Exception {
        authenticateWith(Set.copyOf(Permission.builtIn()));
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("GET", "/v1/elsewhere"), response, chain);

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentAsString()).contains("\"code\":\"not_found\"");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void aLiteralPathIsItsOwnRouteNeverAnIdOfTheTemplateBesideIt() throws Exception {
        authenticateWith(Set.copyOf(Permission.builtIn()));
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();

        // /v1/things/special is listed for GET only: a DELETE of it is not the DELETE of /v1/things/{id}.
        filter.doFilter(new MockHttpServletRequest("DELETE", "/v1/things/special"), response, chain);

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeader("Allow")).isEqualTo("GET, HEAD");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void anUnlistedMethodOnAListedPathIs405WithTheTablesMethods() throws Exception {
        authenticateWith(Set.copyOf(Permission.builtIn()));
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("PUT", "/v1/things/42"), response, chain);

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeader("Allow")).isEqualTo("GET, HEAD, DELETE");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void aListedRouteWithThePermissionReachesTheChain() throws Exception {
        authenticateWith(Set.of(AUDIENCE_READ));
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(new MockHttpServletRequest("DELETE", "/v1/things/42"), new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
    }

    private static void authenticateWith(Set<Permission> permissions) {
        ApiKeySnapshot key = new ApiKeySnapshot("abcd1234", UUID.randomUUID(), KeyEnvironment.TEST, permissions,
                null, null, null, Instant.EPOCH);
        SecurityContextHolder.setContext(new SecurityContextImpl(
                new TestingAuthenticationToken(new ApiKeyPrincipal(key), null, List.of())));
    }
}
