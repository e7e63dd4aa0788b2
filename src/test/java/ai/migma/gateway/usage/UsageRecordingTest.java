package ai.migma.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Usage per key and outcome: every authenticated request counted once, written in batches, never lost. */
@GatewayTest
class UsageRecordingTest {

    @Autowired
    GatewayClient gateway;

    @Autowired
    UsageRecorder usage;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void mixedOutcomesAreCountedExactlyAndSplitByOutcome() {
        String account = gateway.createAccount("enterprise", 12);
        JsonNode created = gateway.createKey(account, "test", "audience:read");
        String key = created.get("key").asString();
        String keyId = created.get("id").asString();
        Instant before = Instant.now();

        int[] statuses = new int[15];
        for (int i = 0; i < 15; i++) {
            String path = i < 7 ? "/v1/projects" : i < 10 ? "/v1/webhooks" : i < 12 ? "/v1/nothing" : "/v1/projects";
            statuses[i] = gateway.getWithKey(path, key).status();
        }
        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 404, 404, 429,
                429, 429);
        // A request is counted once its handling ends, which can be just after its client has read the response.
        JsonNode data = usageOnceCounted(account, keyId, 15);
        long requests = 0, success = 0, clientErrors = 0, forbidden = 0, rateLimited = 0, serverErrors = 0;
        for (JsonNode point : data.get("usage")) {
            requests += point.get("requests").asLong();
            success += point.get("success").asLong();
            clientErrors += point.get("clientErrors").asLong();
            forbidden += point.get("forbidden").asLong();
            rateLimited += point.get("rateLimited").asLong();
            serverErrors += point.get("serverErrors").asLong();
        }
        assertThat(new long[] {requests, success, clientErrors, forbidden, rateLimited, serverErrors})
                .containsExactly(15, 7, 2, 3, 3, 0);
        assertThat(data.get("totalRequests").asLong()).isEqualTo(15);
        Instant lastUsed = Instant.parse(data.get("lastUsedAt").asString());
        assertThat(lastUsed).isBetween(before.minusSeconds(1), Instant.now());

        JsonNode detail = gateway.admin("GET", "/admin/v1/accounts/" + account + "/api-keys/" + keyId, null)
                .json().at("/data/apiKey");
        assertThat(detail.get("totalRequests").asLong()).isEqualTo(15);
        assertThat(detail.get("lastUsedAt").asString()).isEqualTo(data.get("lastUsedAt").asString());
    }

    @Test
    void countsSurviveAFailedWriteAndLandWithTheNextFlush() {
        String account = gateway.createAccount("pro", null);
        JsonNode created = gateway.createKey(account, "test");
        for (int i = 0; i < 4; i++) {
            gateway.getWithKey("/v1/projects", created.get("key").asString());
        }

        // A real failure of the real database: the table is briefly not there.
        jdbc.execute("alter table api_key_usage rename to api_key_usage_away");
        try {
            usage.flush();
        } finally {
            jdbc.execute("alter table api_key_usage_away rename to api_key_usage");
        }
        assertThat(totalOf(created.get("id").asString())).isZero();

        usage.flush();

        assertThat(totalOf(created.get("id").asString())).isEqualTo(4);
    }

    @Test
    void rejectsBadSeriesParametersWith400() {
        String account = gateway.createAccount("free", null);
        String keyId = gateway.createKey(account, "test").get("id").asString();
        String path = "/admin/v1/accounts/" + account + "/api-keys/" + keyId + "/usage";
        for (String query : new String[] {"?granularity=week", "?from=yesterday", "?from=2026-01-02T00:00:00Z"
                + "&to=2026-01-01T00:00:00Z", "?granularity=minute&from=2026-01-01T00:00:00Z&to=2026-01-03T00:00:00Z"}) {
            Reply reply = gateway.admin("GET", path + query, null);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.json().get("code").asString()).isEqualTo("validation_error");
        }
        assertThat(gateway.admin("GET", "/admin/v1/accounts/" + account + "/api-keys/zzzzzzzz/usage", null)
                .status()).isEqualTo(404);
    }

    private long totalOf(String keyId) {
        return jdbc.queryForObject("select coalesce(sum(total_requests), 0) from api_key_activity where key_id = ?",
                Long.class, keyId);
    }

    /** Flushes until the key's usage series counts {@code expected} requests (at most 5 s), and returns it. */
    private JsonNode usageOnceCounted(String account, String keyId, long expected) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            usage.flush();
            Reply reply = gateway.admin("GET", "/admin/v1/accounts/" + account + "/api-keys/" + keyId
                    + "/usage?granularity=minute", null);
            assertThat(reply.status()).isEqualTo(200);
            JsonNode data = reply.json().get("data");
            if (data.get("totalRequests").asLong() >= expected || System.nanoTime() > deadline) {
                return data;
            }
        }
    }
}
