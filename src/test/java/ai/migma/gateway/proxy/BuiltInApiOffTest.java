package ai.migma.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.TestUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With the built-in Migma resources off, the gateway fronts only the operator's service, /v1 included. */
@GatewayTest
class BuiltInApiOffTest {

    static final TestUpstream UPSTREAM = new TestUpstream();

    @Autowired
    GatewayClient gateway;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("migma.proxy.built-in-api", () -> "false");
        registry.add("migma.proxy.routes[0].id", () -> "service");
        registry.add("migma.proxy.routes[0].path", () -> "/v1/orders/**");
        registry.add("migma.proxy.routes[0].uri", () -> "http://127.0.0.1:" + UPSTREAM.port() + "/api");
        registry.add("migma.proxy.routes[0].strip-prefix", () -> "1");
        // A built-in controller's path: with the built-in API off it is the route's, scopes and handler alike.
        registry.add("migma.proxy.routes[1].id", () -> "hooks");
        registry.add("migma.proxy.routes[1].path", () -> "/v1/webhooks/**");
        registry.add("migma.proxy.routes[1].uri", () -> "http://127.0.0.1:" + UPSTREAM.port() + "/api");
        registry.add("migma.proxy.routes[1].scopes", () -> "orders:read");
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @Test
    void builtInRoutesAnswer404AndTheOperatorsRouteIsServed() {
        String key = gateway.newTestKey("audience:read");

        Reply builtIn = gateway.getWithKey("/v1/projects", key);
        assertThat(builtIn.status()).isEqualTo(404);
        assertThat(builtIn.json().get("code").asString()).isEqualTo("not_found");
        assertThat(gateway.getWithKey("/v1/contacts", key).status()).isEqualTo(404);
        assertThat(gateway.get("/v1/projects").status()).isEqualTo(401);

        Reply proxied = gateway.getWithKey("/v1/orders/7", key);
        assertThat(proxied.status()).isEqualTo(200);
        assertThat(UPSTREAM.seen()).extracting(TestUpstream.Seen::rawPath).containsExactly("/api/orders/7");
        // The built-in webhooks controller is still registered, but the route that admitted the request runs it:
        // an orders:read key creates no webhook here, its request reaches the upstream.
        UPSTREAM.forget();
        Reply hooked = gateway.call("POST", "/v1/webhooks", gateway.newTestKey("orders:read"),
                java.util.Map.of("url", "https://example.com/hook", "events", java.util.List.of("subscriber.added")));
        assertThat(hooked.status()).isEqualTo(200);
        assertThat(hooked.json().get("upstream").asBoolean()).isTrue();
        assertThat(UPSTREAM.seen()).extracting(TestUpstream.Seen::rawPath).containsExactly("/api/v1/webhooks");
        // The admin API and the dashboard stay the gateway's.
        assertThat(gateway.createAccount("free", null)).isNotBlank();
    }
}
