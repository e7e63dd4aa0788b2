package ai.migma.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * What operators see: Prometheus metrics behind the admin token, log lines that name the request and the key id,
 * security headers, and in none of it a key's text or the admin token.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
class OperabilityTest {

    @Autowired
    GatewayClient gateway;
    @Autowired
    LoggingSystem logging;

    /** At runtime rather than as a property: the class then shares the default context. */
    @BeforeEach
    void logRateLimitRefusals() {
        logging.setLogLevel("ai.migma.gateway.ratelimit.RateLimitFilter", LogLevel.DEBUG);
    }

    @AfterEach
    void restoreLevel() {
        logging.setLogLevel("ai.migma.gateway.ratelimit.RateLimitFilter", null);
    }

    @Test
    void requestsAreTimedByRoutePatternMethodAndStatusNeverByWhatAClientMadeUp() {
        String key = gateway.newTestKey("webhook:read");
        String webhook = java.util.UUID.randomUUID().toString();
        assertThat(gateway.getWithKey("/v1/webhooks/events", key).status()).isEqualTo(200);
        assertThat(gateway.getWithKey("/v1/webhooks/" + webhook, key).status()).isEqualTo(404);
        gateway.send("BREW", "/v1/webhooks/events", null, "Authorization", "Bearer " + key);
        assertThat(gateway.get("/v1/webhooks/events").status()).isEqualTo(401);

        String metrics = gateway.admin("GET", "/actuator/prometheus", null).text();
        // Prometheus orders the labels: exception, method, outcome, status, uri.
        assertThat(metrics).containsPattern(
                "http_server_requests_seconds_count\\{[^}]*method=\"GET\",outcome=\"SUCCESS\",status=\"200\","
                        + "uri=\"/v1/webhooks/events\"\\} [1-9]")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"404\",uri=\"/v1/webhooks/\\{id}\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"UNKNOWN\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"401\",uri=\"UNKNOWN\"")
                .doesNotContain(webhook).doesNotContain("BREW")
                // Spring Boot's observation filter, replaced by RequestMetrics, would add its long-task timer.
                .doesNotContain("http_server_requests_active");
    }

    @Test
    void prometheusMetricsAreServedOnlyWithTheAdminToken() {
        String key = gateway.newTestKey();
        gateway.getWithKey("/v1/projects", key);
        gateway.getWithKey("/v1/projects", key + "x");

        Reply anonymous = gateway.get("/actuator/prometheus");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("success").asBoolean()).isFalse();
        assertThat(gateway.get("/actuator/prometheus", "Authorization", "Bearer " + key).status()).isEqualTo(401);

        Reply metrics = gateway.admin("GET", "/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("migma_auth_attempts_total{outcome=\"authenticated\"}")
                .contains("migma_auth_attempts_total{outcome=\"refused\"}")
                .contains("migma_ratelimit_decisions_total{outcome=\"allowed\",policy=\"account\"}")
                .contains("cache_gets_total{cache=\"apiKeys\"")
                .contains("migma_usage_buffered")
                .contains("migma_ratelimit_degraded")
                .contains("migma_apikey_loads_seconds_bucket{le=\"0.002\"}");
    }

    @Test
    void noSecretAppearsInResponsesAuditMetricsOrLogs(CapturedOutput output) {
        String account = gateway.createAccount("free", null);
        JsonNode created = gateway.createKey(account, "test", "audience:read");
        String key = created.get("key").asString();
        String keyId = created.get("id").asString();
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            replies.add(gateway.getWithKey(i % 2 == 0 ? "/v1/projects" : "/v1/webhooks", key));
        }
        replies.add(gateway.getWithKey("/v1/projects", key.substring(0, key.length() - 1) + "Z"));
        replies.add(gateway.get("/admin/v1/audit", "Authorization", "Bearer " + key));
        replies.add(gateway.send("GET", "/admin/v1/audit", null, "Authorization", "Bearer wrong-admin-token"));
        Reply rolled = gateway.admin("POST", "/admin/v1/accounts/" + account + "/api-keys/" + keyId + "/roll",
                Map.of("expiresInSeconds", 0));
        String newKey = rolled.json().at("/data/apiKey/key").asString();
        replies.add(gateway.admin("GET", "/admin/v1/audit?accountId=" + account, null));
        replies.add(gateway.admin("GET", "/admin/v1/accounts/" + account + "/api-keys", null));
        replies.add(gateway.admin("GET", "/actuator/prometheus", null));
        replies.add(gateway.get("/actuator/health"));

        for (Reply reply : replies) {
            for (String secret : List.of(key, key.substring(13), newKey, GatewayClient.ADMIN_TOKEN)) {
                assertThat(reply.text()).doesNotContain(secret);
                assertThat(reply.headers().toString()).doesNotContain(secret);
            }
        }
        assertThat(replies.get(10).status()).isEqualTo(429);
        assertThat(output.getAll()).doesNotContain(key).doesNotContain(key.substring(13)).doesNotContain(newKey)
                .doesNotContain(newKey.substring(13)).doesNotContain(GatewayClient.ADMIN_TOKEN)
                // The refused request's log line names its request and its key by id.
                .containsPattern("\\[req_[0-9a-f]{32} key=" + keyId + "\\].*Refused by the account budget");
    }

    @Test
    void responsesCarrySecurityHeaders() {
        Reply reply = gateway.getWithKey("/v1/projects", gateway.newTestKey());
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        Reply admin = gateway.admin("GET", "/admin/v1/audit", null);
        assertThat(admin.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(admin.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(admin.header("Cache-Control")).contains("no-store");
    }
}
