package ai.migma.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.WebUtils;

class PathPrefixMatcherTest {

    private final RequestMatcher ours = new PathPrefixMatcher("/v1");
    private final RequestMatcher spring = PathPatternRequestMatcher.withDefaults().matcher("/v1/**");

    @Test
    void matchesEveryPathAsSpringsPatternDoes() {
        List<String> pieces = new ArrayList<>();
        for (char c = 0x20; c <= 0x7e; c++) {
            pieces.add(String.valueOf(c));
        }
        pieces.addAll(List.of("", "%76", "%31", "%2f", "%2F", "%2e", ";x=1", "//", "/", "/.", "/..", "%20", "\u00e9"));
        for (String piece : pieces) {
            for (String uri : List.of("/v1" + piece, "/v" + piece + "1/x", piece + "/v1/x", "/v1/" + piece,
                    "/" + piece + "v1/x", "/v1" + piece + "/projects")) {
                MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
                assertThat(answer(ours, request)).as(uri).isEqualTo(answer(spring, request));
            }
        }
    }

    @Test
    void literalPathsAreAnsweredWithoutThePattern() {
        assertThat(ours.matches(new MockHttpServletRequest("GET", "/v1"))).isTrue();
        assertThat(ours.matches(new MockHttpServletRequest("GET", "/v1/webhooks/events"))).isTrue();
        assertThat(ours.matches(new MockHttpServletRequest("GET", "/v12/webhooks"))).isFalse();
        assertThat(ours.matches(new MockHttpServletRequest("GET", "/admin/v1/accounts"))).isFalse();
        assertThat(ours.matches(new MockHttpServletRequest("GET", "/%761/webhooks/events"))).isTrue();
    }

    @Test
    void anIncludeIsMatchedOnTheIncludedPath() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/dashboard");
        request.setDispatcherType(DispatcherType.INCLUDE);
        request.setAttribute(WebUtils.INCLUDE_REQUEST_URI_ATTRIBUTE, "/v1/projects");
        assertThat(ours.matches(request)).isEqualTo(spring.matches(request)).isTrue();
    }

    @Test
    void aContextPathIsLeftToThePattern() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/app/v1/projects");
        request.setContextPath("/app");
        assertThat(ours.matches(request)).isEqualTo(spring.matches(request)).isTrue();
    }

    @Test
    void aProxyRoutesLiteralPrefixPatternIsMatchedByStringAndAnyOtherByTheSpringPattern() {
        assertThat(PathPrefixMatcher.forPattern("/orders/**")).isInstanceOf(PathPrefixMatcher.class);
        for (String pattern : new String[] {"/orders/{id}", "/{any}/**", "/orders/*/items", "/orders/items"}) {
            assertThat(PathPrefixMatcher.forPattern(pattern)).as(pattern).isInstanceOf(PathPatternRequestMatcher.class);
        }
        RequestMatcher springs = PathPatternRequestMatcher.withDefaults().matcher("/orders/**");
        for (String uri : new String[] {"/orders", "/orders/", "/orders/7/items", "/ordersx", "/%6frders/7", "/v1/x"}) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
            assertThat(PathPrefixMatcher.forPattern("/orders/**").matches(request)).as(uri)
                    .isEqualTo(springs.matches(request));
        }
    }

    @Test
    void refusesAPrefixThatIsNotALiteralPath() {
        for (String prefix : new String[] {"v1", "/v1/", "/v*", "/{id}", "/v%31"}) {
            assertThatThrownBy(() -> new PathPrefixMatcher(prefix)).as(prefix)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Whether the matcher matched, or the exception it threw (a lone "%" is not a path Tomcat lets through). */
    private static Object answer(RequestMatcher matcher, MockHttpServletRequest request) {
        try {
            return matcher.matches(request);
        } catch (IllegalArgumentException malformed) {
            return malformed.getClass();
        }
    }
}
