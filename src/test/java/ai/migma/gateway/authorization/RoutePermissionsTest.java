package ai.migma.gateway.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every controller route under /v1 is in the route table: a new controller cannot go live open to any key by
 * being forgotten there.
 */
@GatewayTest
class RoutePermissionsTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyV1ControllerRouteHasARule() {
        List<String> routes = v1Routes();
        List<String> rules = RoutePermissions.RULES.stream().map(r -> r.method() + " " + r.pattern()).toList();

        assertThat(routes).isNotEmpty();
        assertThat(rules).containsAll(routes);
    }

    @Test
    void everyRuleOfTheContractHasAController() {
        List<String> rules = RoutePermissions.RULES.stream().map(r -> r.method() + " " + r.pattern()).toList();

        assertThat(v1Routes()).containsAll(rules);
    }

    private List<String> v1Routes() {
        List<String> routes = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/v1/")) {
                    continue;
                }
                assertThat(info.getMethodsCondition().getMethods()).as(pattern).isNotEmpty();
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    routes.add(method + " " + pattern);
                }
            }
        }
        return routes;
    }
}
