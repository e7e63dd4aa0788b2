package ai.migma.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the gateway tells a stranger: the health status but not the disk, database or rate-limit details behind it,
 * and redirects that never point at a host the client named.
 */
@GatewayTest
class InformationExposureTest {

    @Autowired
    GatewayClient gateway;

    @Test
    void healthShowsAnonymousCallersTheStatusOnly() {
        for (String authorization : new String[] {null, "Bearer wrong-token", "Bearer " + gateway.newTestKey()}) {
            Reply health = authorization == null ? gateway.get("/actuator/health")
                    : gateway.get("/actuator/health", "Authorization", authorization);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asString()).isEqualTo("UP");
            assertThat(health.json().has("components")).as(String.valueOf(authorization)).isFalse();
            assertThat(health.text()).doesNotContain("diskSpace").doesNotContain("PostgreSQL")
                    .doesNotContain("rateLimit");
        }
    }

    @Test
    void healthShowsItsDetailsWithTheAdminToken() {
        Reply health = gateway.health();

        assertThat(health.json().at("/components/db/details/database").asString()).isEqualTo("PostgreSQL");
        assertThat(health.json().at("/components/diskSpace/details/path").isMissingNode()).isFalse();
        assertThat(health.json().at("/components/rateLimit/details/backend").isMissingNode()).isFalse();
    }

    @Test
    void redirectsAreRelativeWhateverHostTheClientNames() throws Exception {
        for (String path : new String[] {"/dashboard/settings/api-integration", "/dashboard"}) {
            RawHttp.Response response = RawHttp.send(gateway.port(), "GET " + path + " HTTP/1.1\r\n"
                    + "Host: evil.example\r\nConnection: close\r\n\r\n");
            assertThat(response.status()).as(path).isEqualTo(302);
            assertThat(location(response)).as(path).startsWith("/dashboard/").doesNotContain("evil.example");
        }
    }

    private static String location(RawHttp.Response response) {
        for (String line : response.headers().split("\r\n")) {
            if (line.regionMatches(true, 0, "Location:", 0, 9)) {
                return line.substring(9).strip();
            }
        }
        throw new AssertionError("No Location in " + response.headers());
    }
}
