package ai.migma.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Without MIGMA_ADMIN_TOKEN the admin API is closed, whatever token a client tries, and the log says why. */
@GatewayTest(properties = "migma.admin-token=")
@ExtendWith(OutputCaptureExtension.class)
class AdminApiDisabledTest {

    @Autowired
    GatewayClient gateway;

    @Test
    void refusesEveryAdminCallWhenNoTokenIsConfigured(CapturedOutput output) {
        for (String authorization : new String[] {"Bearer ", "Bearer " + GatewayClient.ADMIN_TOKEN, "Bearer x"}) {
            GatewayClient.Reply reply = gateway.send("POST", "/admin/v1/accounts", "{\"name\":\"x\",\"plan\":\"free\"}",
                    "Authorization", authorization, "Content-Type", "application/json");
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.json().get("error").asString())
                    .isEqualTo("The admin API is disabled: MIGMA_ADMIN_TOKEN is not set");
        }
        assertThat(output.getAll()).contains("MIGMA_ADMIN_TOKEN is not set: the admin API (/admin/**) refuses every call");
    }
}
