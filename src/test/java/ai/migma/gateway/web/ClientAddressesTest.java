package ai.migma.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.GatewayProperties;
import ai.migma.gateway.support.UnitTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

@UnitTest
class ClientAddressesTest {

    @Test
    void usesTheSocketPeerWhenNoProxyIsTrusted() {
        assertThat(addresses().of(request("192.0.2.10", "203.0.113.1"))).isEqualTo("192.0.2.10");
    }

    @Test
    void ignoresForwardedForFromAnUntrustedPeer() {
        assertThat(addresses("10.0.0.0/8").of(request("192.0.2.10", "203.0.113.1"))).isEqualTo("192.0.2.10");
    }

    @Test
    void takesTheRightmostUntrustedHopBehindTrustedProxies() {
        ClientAddresses addresses = addresses("10.0.0.0/8");
        assertThat(addresses.of(request("10.0.0.2", "198.51.100.9, 203.0.113.1, 10.0.0.1")))
                .isEqualTo("203.0.113.1");
        assertThat(addresses.of(request("10.0.0.2", "203.0.113.1"))).isEqualTo("203.0.113.1");
        assertThat(addresses.of(request("10.0.0.2", null))).isEqualTo("10.0.0.2");
    }

    @Test
    void neverBelievesAHostNameOrGarbage() {
        ClientAddresses addresses = addresses("10.0.0.0/8");
        assertThat(addresses.of(request("10.0.0.2", "example.com"))).isEqualTo("10.0.0.2");
        assertThat(addresses.of(request("10.0.0.2", "deadbeef, 10.0.0.1"))).isEqualTo("10.0.0.1");
        assertThat(addresses.of(request("10.0.0.2", "2001:db8::1"))).isEqualTo("2001:db8::1");
    }

    @Test
    void budgetsKeyIpv6ClientsByTheirSlash64AndIpv4ByTheAddress() {
        ClientAddresses addresses = addresses();
        String first = addresses.budgetKeyOf(request("2001:db8:1:2:aaaa::1", null));
        String sibling = addresses.budgetKeyOf(request("2001:db8:1:2:ffff:ffff:ffff:ffff", null));
        String neighbour = addresses.budgetKeyOf(request("2001:db8:1:3::1", null));

        assertThat(first).isEqualTo(sibling).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(neighbour).isNotEqualTo(first);
        assertThat(addresses.budgetKeyOf(request("192.0.2.10", null))).isEqualTo("192.0.2.10");
        assertThat(addresses.budgetKeyOf(request("::ffff:192.0.2.10", null))).isEqualTo("192.0.2.10");
    }

    @Test
    void budgetsKeyForwardedIpv6ClientsByTheirSlash64Too() {
        ClientAddresses addresses = addresses("10.0.0.0/8");
        assertThat(addresses.budgetKeyOf(request("10.0.0.2", "2001:db8:0:9::77")))
                .isEqualTo(addresses.budgetKeyOf(request("10.0.0.2", "2001:db8:0:9:1:2:3:4")));
    }

    private static ClientAddresses addresses(String... trusted) {
        return new ClientAddresses(new GatewayProperties(GatewayProperties.Environment.DEVELOPMENT, null,
                List.of(trusted)));
    }

    private static MockHttpServletRequest request(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
