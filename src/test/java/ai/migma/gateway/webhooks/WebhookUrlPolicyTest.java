package ai.migma.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.migma.gateway.GatewayProperties;
import ai.migma.gateway.GatewayProperties.Environment;
import ai.migma.gateway.web.ApiException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a webhook may point, per environment; no network beyond resolving address literals. */
class WebhookUrlPolicyTest {

    private static WebhookUrlPolicy policy(Environment environment) {
        return new WebhookUrlPolicy(new GatewayProperties(environment, null, List.of()));
    }

    @Test
    void loopbackIsAllowedOnlyInDevelopment() {
        assertThat(policy(Environment.DEVELOPMENT).check("http://127.0.0.1:8080/hook").getPort()).isEqualTo(8080);
        assertThat(policy(Environment.DEVELOPMENT).allows("https://[::1]/hook")).isTrue();

        assertThatThrownBy(() -> policy(Environment.PRODUCTION).check("http://127.0.0.1:8080/hook"))
                .isInstanceOf(ApiException.class).hasMessage("url must not point to this machine");
        assertThat(policy(Environment.PRODUCTION).allows("https://localhost/hook")).isFalse();
    }

    @Test
    void onlyPublicAddressesCountAsPublic() throws Exception {
        for (String address : List.of("10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1",
                "0.0.0.0", "127.0.0.2", "224.0.0.1", "255.255.255.255", "198.18.0.1", "fd12::1", "fe80::1", "::1")) {
            assertThat(WebhookUrlPolicy.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
        for (String address : List.of("93.184.216.34", "8.8.8.8", "100.128.0.1", "2606:4700::1111")) {
            assertThat(WebhookUrlPolicy.isPublic(InetAddress.getByName(address))).as(address).isTrue();
        }
    }
}
