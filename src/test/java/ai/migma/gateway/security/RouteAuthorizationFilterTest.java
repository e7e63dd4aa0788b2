package ai.migma.gateway.security;

import static ai.migma.gateway.apikey.Permission.AUDIENCE_READ;
import static ai.migma.gateway.apikey.Permission.WEBHOOK_READ;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The exact-path shortcut answers what the ordered rules would: the first matching rule decides, even when an earlier
 * pattern matches a path that a later rule names exactly. Over HTTP this is covered for the real table by
 * WebhookEventsTest and ApiKeyAuthenticationTest; here the table is made to have that trap.
 */
class RouteAuthorizationFilterTest {

    @Test
    void anEarlierPatternDecidesForAPathALaterRuleNamesExactly() {
        RouteAuthorizationFilter filter = new RouteAuthorizationFilter(List.of(
                new RoutePermissions.Rule(HttpMethod.GET, "/v1/things/{id}", List.of(AUDIENCE_READ)),
                new RoutePermissions.Rule(HttpMethod.GET, "/v1/things/special", List.of(WEBHOOK_READ)),
                new RoutePermissions.Rule(HttpMethod.GET, "/v1/other", List.of(WEBHOOK_READ))), null);

        assertThat(filter.requiredFor(new MockHttpServletRequest("GET", "/v1/things/special")))
                .containsExactly(AUDIENCE_READ);
        assertThat(filter.requiredFor(new MockHttpServletRequest("GET", "/v1/other"))).containsExactly(WEBHOOK_READ);
        assertThat(filter.requiredFor(new MockHttpServletRequest("POST", "/v1/other"))).isEmpty();
    }
}
