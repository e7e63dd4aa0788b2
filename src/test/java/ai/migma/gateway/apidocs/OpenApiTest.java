package ai.migma.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.authorization.RoutePermissions;
import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document: every route of the contract, with its permission and the 401/403/429 answers. */
@GatewayTest
class OpenApiTest {

    @Autowired
    GatewayClient gateway;

    @Test
    void documentsEveryRouteWithItsPermissionAndErrorAnswers() {
        Reply reply = gateway.get("/v3/api-docs");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode paths = reply.json().get("paths");

        for (RoutePermissions.Rule rule : RoutePermissions.RULES) {
            JsonNode operation = paths.path(rule.pattern()).path(rule.method().name().toLowerCase(Locale.ROOT));
            assertThat(operation.isMissingNode()).as(rule.toString()).isFalse();
            assertThat(operation.get("x-required-permissions").valueStream().map(JsonNode::asString).toList())
                    .as(rule.toString()).isEqualTo(rule.anyOf().stream().map(p -> p.scope()).toList());
            assertThat(operation.get("description").asString()).startsWith("**Requires:**");
            assertThat(operation.path("responses").has("401")).as(rule.toString()).isTrue();
            assertThat(operation.path("responses").has("429")).as(rule.toString()).isTrue();
            assertThat(operation.path("responses").has("403")).as(rule.toString()).isEqualTo(!rule.anyOf().isEmpty());
            assertThat(operation.at("/security/0").has("migmaApiKey")).isTrue();
        }
        assertThat(paths.propertyNames()).allMatch(path -> path.startsWith("/v1/"));
        // The principal is the gateway's own business, never a parameter a client could send. A path segment a
        // route names {key} (a preview's device) is not the principal: only a query or header "key" would be.
        assertThat(paths.findValues("parameters").stream().flatMap(JsonNode::valueStream)
                .filter(parameter -> parameter.path("name").asString("").equals("key"))
                .map(parameter -> parameter.path("in").asString(""))).allMatch("path"::equals);
    }

    @Test
    void servesSwaggerUiAtSwaggerUiHtml() {
        Reply redirect = gateway.get("/swagger-ui.html");
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).endsWith("/swagger-ui/index.html");

        Reply page = gateway.get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("swagger-ui");
    }
}
