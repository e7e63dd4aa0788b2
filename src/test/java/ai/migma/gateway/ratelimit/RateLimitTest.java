package ai.migma.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The rate limits of docs/API.md ("Rate limits") on the local backend, over real HTTP: limits, headers and the 429.
 * That waiting the figures is enough is RateLimiterTest's, on a settable clock.
 */
@GatewayTest
class RateLimitTest {

    @Autowired
    GatewayClient gateway;

    @Test
    void freeKeyGetsTenRequestsWithCountdownHeadersThenTheExact429() {
        String key = gateway.createKey(gateway.createAccount("free", null), "test").get("key").asString();
        long now = Instant.now().getEpochSecond();

        for (int i = 1; i <= 10; i++) {
            Reply reply = gateway.getWithKey("/v1/projects", key);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("10");
            assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(10 - i));
            assertThat(Long.parseLong(reply.header("X-RateLimit-Reset"))).isBetween(now + 1, now + 61);
            assertThat(reply.header("RateLimit-Policy")).isEqualTo("\"account\";q=10;w=60");
            assertThat(reply.header("RateLimit")).startsWith("\"account\";r=" + (10 - i) + ";t=");
            assertThat(reply.header("Retry-After")).isNull();
        }

        Reply refused = gateway.getWithKey("/v1/projects", key);
        assertThat(refused.status()).isEqualTo(429);
        JsonNode body = refused.json();
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error").asString()).isEqualTo("Rate limit exceeded");
        assertThat(body.get("code").asString()).isEqualTo("rate_limit_exceeded");
        long retryAfter = body.get("retryAfter").asLong();
        assertThat(retryAfter).isBetween(1L, 6L);
        assertThat(refused.header("Retry-After")).isEqualTo(Long.toString(retryAfter));
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("10");
    }

    @Test
    void forbiddenAndNotFoundResponsesCarryTheHeadersAndCount() {
        String key = gateway.createKey(gateway.createAccount("free", null), "test").get("key").asString();

        Reply forbidden = gateway.getWithKey("/v1/webhooks", key);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.header("X-RateLimit-Remaining")).isEqualTo("9");

        Reply notFound = gateway.getWithKey("/v1/nothing-here", key);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.header("X-RateLimit-Remaining")).isEqualTo("8");

        Reply badRequest = gateway.getWithKey("/v1/projects?limit=0", key);
        assertThat(badRequest.status()).isEqualTo(400);
        assertThat(badRequest.header("X-RateLimit-Remaining")).isEqualTo("7");
    }

    @Test
    void proAndEnterpriseShowTheirOwnLimits() {
        String pro = gateway.createKey(gateway.createAccount("pro", null), "test").get("key").asString();
        assertThat(gateway.getWithKey("/v1/projects", pro).header("X-RateLimit-Limit")).isEqualTo("100");

        String enterprise = gateway.createKey(gateway.createAccount("enterprise", 2500), "test").get("key").asString();
        Reply reply = gateway.getWithKey("/v1/projects", enterprise);
        assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("2500");
        assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo("2499");
    }

    @Test
    void keysOfOneAccountShareOneBudget() {
        String account = gateway.createAccount("free", null);
        String first = gateway.createKey(account, "test").get("key").asString();
        String second = gateway.createKey(account, "test").get("key").asString();

        for (int i = 0; i < 5; i++) {
            assertThat(gateway.getWithKey("/v1/projects", first).status()).isEqualTo(200);
            assertThat(gateway.getWithKey("/v1/projects", second).status()).isEqualTo(200);
        }
        assertThat(gateway.getWithKey("/v1/projects", first).status()).isEqualTo(429);
        assertThat(gateway.getWithKey("/v1/projects", second).status()).isEqualTo(429);
    }

    @Test
    void manyConcurrentClientsOnOneBudgetAdmitExactlyTheLimit() throws Exception {
        // 20 a minute: one token every 3 s, so refill during the burst is measured, not assumed away.
        String key = gateway.createKey(gateway.createAccount("enterprise", 20), "test").get("key").asString();
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            long started = System.nanoTime();
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                statuses.add(clients.submit(() -> gateway.getWithKey("/v1/projects", key).status()));
            }
            int admitted = 0;
            for (Future<Integer> status : statuses) {
                int code = status.get();
                assertThat(code).isIn(200, 429);
                admitted += code == 200 ? 1 : 0;
            }
            long refilledDuringBurst = (System.nanoTime() - started) / 3_000_000_000L;
            assertThat(admitted).isBetween(20, 20 + (int) refilledDuringBurst);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void planUpgradeAppliesOnTheNextRequestAndKeepsWhatWasSpent() {
        String account = gateway.createAccount("free", null);
        String key = gateway.createKey(account, "test").get("key").asString();
        for (int i = 0; i < 3; i++) {
            gateway.getWithKey("/v1/projects", key);
        }

        gateway.admin("PATCH", "/admin/v1/accounts/" + account, Map.of("plan", "pro"));

        Reply upgraded = gateway.getWithKey("/v1/projects", key);
        assertThat(upgraded.header("X-RateLimit-Limit")).isEqualTo("100");
        assertThat(Integer.parseInt(upgraded.header("X-RateLimit-Remaining"))).isBetween(96, 97);

        gateway.admin("PATCH", "/admin/v1/accounts/" + account, Map.of("plan", "free"));

        // Bucket4j's ADDITIVE strategy caps what is left at the new capacity: the smaller limit holds at once.
        Reply downgraded = gateway.getWithKey("/v1/projects", key);
        assertThat(downgraded.header("X-RateLimit-Limit")).isEqualTo("10");
        assertThat(downgraded.header("X-RateLimit-Remaining")).isEqualTo("9");
    }

    @Test
    void keyOwnLowerLimitAppliesOnTopOfTheAccountBudget() {
        String account = gateway.createAccount("pro", null);
        Reply created = gateway.admin("POST", "/admin/v1/accounts/" + account + "/api-keys",
                Map.of("name", "Throttled", "environment", "test", "rateLimitPerMinute", 3));
        String throttled = created.json().at("/data/apiKey/key").asString();
        String other = gateway.createKey(account, "test").get("key").asString();

        for (int i = 2; i >= 0; i--) {
            Reply reply = gateway.getWithKey("/v1/projects", throttled);
            assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("3");
            assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(i));
            assertThat(reply.header("RateLimit-Policy")).isEqualTo("\"key\";q=3;w=60");
        }
        Reply refused = gateway.getWithKey("/v1/projects", throttled);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("3");

        // The account's budget counted the three admitted requests, not the refused one.
        Reply sibling = gateway.getWithKey("/v1/projects", other);
        assertThat(sibling.status()).isEqualTo(200);
        assertThat(sibling.header("X-RateLimit-Remaining")).isEqualTo("96");
    }

    @Test
    void keyLimitChangeAppliesOnTheNextRequest() {
        String account = gateway.createAccount("pro", null);
        JsonNode created = gateway.createKey(account, "test");
        String key = created.get("key").asString();
        assertThat(gateway.getWithKey("/v1/projects", key).header("X-RateLimit-Limit")).isEqualTo("100");

        gateway.admin("PATCH", "/admin/v1/accounts/" + account + "/api-keys/" + created.get("id").asString(),
                Map.of("rateLimitPerMinute", 5));

        assertThat(gateway.getWithKey("/v1/projects", key).header("X-RateLimit-Limit")).isEqualTo("5");
    }

    @Test
    void healthIsExemptFromLimits() {
        for (int i = 0; i < 30; i++) {
            Reply health = gateway.get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.header("X-RateLimit-Limit")).isNull();
        }
    }
}
