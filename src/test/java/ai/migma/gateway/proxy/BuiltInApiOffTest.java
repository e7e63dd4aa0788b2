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
        // The admin API and the dashboard stay the gateway's.
        assertThat(gateway.createAccount("free", null)).isNotBlank();
    }
}
