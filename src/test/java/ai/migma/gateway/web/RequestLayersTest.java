package ai.migma.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayTest;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The layers every request passes, without proxy routes: only those that earn their cost (docs/PERFORMANCE.md).
 * Each one named here cost the hot path measurably and does nothing the gateway needs.
 */
@GatewayTest
class RequestLayersTest {

    @Autowired
    ServletContext servlets;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping controllers;
    @Autowired
    RouterFunctionMapping routerFunctions;
    @Autowired
    @Qualifier("springSecurityFilterChain")
    Filter securityFilters;

    @Test
    void noServletFilterRunsThatTheGatewayDoesNotUse() {
        assertThat(servlets.getFilterRegistrations().keySet())
                .contains("requestIdFilter", "bodySizeLimitFilter", "springSecurityFilterChain")
                .doesNotContain("requestContextFilter", "characterEncodingFilter", "formContentFilter",
                        "serverHttpObservationFilter", "resourceUrlEncodingFilter");
    }

    /** Spring Security's own proxy, not the wrapper that parses every path before it (SecurityConfiguration). */
    @Test
    void theSecurityFiltersDoNotParseThePathUpFront() {
        assertThat(securityFilters.getClass()).isEqualTo(FilterChainProxy.class);
    }

    @Test
    void withoutProxyRoutesTheControllersAreAskedBeforeTheRouterFunctions() {
        assertThat(routerFunctions.getOrder()).isGreaterThan(controllers.getOrder());
    }
}
