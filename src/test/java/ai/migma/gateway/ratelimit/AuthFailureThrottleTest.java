package ai.migma.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Failed authentication is throttled per client address; a client with a valid key is not. The test talks from
 * loopback, declared a trusted proxy, so X-Forwarded-For stands for different client addresses.
 */
@GatewayTest(properties = {"migma.admin-token=" + GatewayClient.ADMIN_TOKEN, "migma.auth-failures.per-minute=5",
        "migma.trusted-proxies=127.0.0.1,::1"})
class AuthFailureThrottleTest {

    @Autowired
    GatewayClient gateway;

    @Test
    void failedAttemptsFromOneAddressAreThrottledWhileAValidKeyFromItIsNot() {
        String key = gateway.newTestKey();
        String attacker = "203.0.113.7";

        for (int i = 0; i < 5; i++) {
            Reply refused = gateway.get("/v1/projects", "Authorization", "Bearer guess-" + i,
                    "X-Forwarded-For", attacker);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("X-RateLimit-Limit")).isNull();
        }
        Reply throttled = gateway.get("/v1/projects", "Authorization", "Bearer guess-6", "X-Forwarded-For", attacker);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().get("error").asString()).isEqualTo("Rate limit exceeded");
        assertThat(throttled.header("X-RateLimit-Limit")).isEqualTo("5");
        assertThat(throttled.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(throttled.header("Retry-After")).isEqualTo(throttled.json().get("retryAfter").asString());
        assertThat(gateway.get("/v1/projects", "X-Forwarded-For", attacker).status()).isEqualTo(429);

        assertThat(gateway.get("/v1/projects", "Authorization", "Bearer " + key, "X-Forwarded-For", attacker)
                .status()).isEqualTo(200);
        assertThat(gateway.get("/v1/projects", "Authorization", "Bearer guess", "X-Forwarded-For", "203.0.113.8")
                .status()).isEqualTo(401);
    }

    @Test
    void aForwardedAddressWrittenByTheClientIsNotBelieved() {
        String spoofed = "198.51.100.1, 203.0.113.50";
        for (int i = 0; i < 5; i++) {
            gateway.get("/v1/projects", "X-Forwarded-For", spoofed);
        }
        assertThat(gateway.get("/v1/projects", "X-Forwarded-For", spoofed).status()).isEqualTo(429);
        // The budget is the rightmost untrusted address's: changing what the client controls does not reset it.
        assertThat(gateway.get("/v1/projects", "X-Forwarded-For", "10.9.9.9, 203.0.113.50").status()).isEqualTo(429);
    }
}
