package ai.migma.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** MIGMA_ENVIRONMENT=production accepts only mgma_sk_live_ keys. */
@GatewayTest(properties = {"migma.admin-token=" + GatewayClient.ADMIN_TOKEN, "migma.environment=production"})
class ProductionEnvironmentTest {

    @Autowired
    GatewayClient gateway;

    @Test
    void acceptsLiveKeysAndRejectsTestKeysWith401() {
        String account = gateway.createAccount("pro", null);
        String live = gateway.createKey(account, "live").get("key").asString();
        String test = gateway.createKey(account, "test").get("key").asString();

        assertThat(gateway.getWithKey("/v1/projects", live).status()).isEqualTo(200);

        GatewayClient.Reply refused = gateway.getWithKey("/v1/projects", test);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("error").asString()).isEqualTo("Invalid or missing API key");
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
    }
}
