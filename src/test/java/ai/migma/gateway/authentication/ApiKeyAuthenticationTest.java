package ai.migma.gateway.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.apikey.ApiKeyFormat;
import ai.migma.gateway.apikey.KeyEnvironment;
import ai.migma.gateway.cache.CacheEvents;
import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import ai.migma.gateway.support.TestServices;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** docs/API.md, "Authentication" and "Permissions", over real HTTP, against the real PostgreSQL. */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyAuthenticationTest {

    @Autowired
    GatewayClient gateway;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CacheEvents cacheEvents;

    @Test
    void freshAccountSeesTheSeedPagesEmptyProjectList() {
        Reply reply = gateway.getWithKey("/v1/projects", gateway.newTestKey());

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.at("/data/projects").isArray()).isTrue();
        assertThat(body.at("/data/projects")).isEmpty();
        assertThat(body.at("/data/total").asLong()).isZero();
        assertThat(body.at("/metadata/requestId").asString()).isEqualTo(reply.header("X-Request-Id"));
    }

    @Test
    void acceptsTheSchemeNameInAnyCase() {
        String key = gateway.newTestKey();
        for (String scheme : List.of("Bearer", "bearer", "BEARER", "bEARER")) {
            assertThat(gateway.get("/v1/projects", "Authorization", scheme + " " + key).status()).as(scheme)
                    .isEqualTo(200);
        }
    }

    @Test
    void rejectsMissingHeaderWith401() {
        assertInvalidKey(gateway.get("/v1/projects"));
    }

    @Test
    void rejectsOtherSchemesWith401() {
        String key = gateway.newTestKey();
        assertInvalidKey(gateway.get("/v1/projects", "Authorization", "Basic " + key));
        assertInvalidKey(gateway.get("/v1/projects", "Authorization", "Token " + key));
        assertInvalidKey(gateway.get("/v1/projects", "Authorization", key));
    }

    @Test
    void rejectsEmptyAndDoubledTokensWith401() {
        String key = gateway.newTestKey();
        assertInvalidKey(gateway.get("/v1/projects", "Authorization", "Bearer"));
        assertInvalidKey(gateway.get("/v1/projects", "Authorization", "Bearer "));
        assertInvalidKey(gateway.get("/v1/projects", "Authorization", "Bearer " + key + " " + key));
        assertInvalidKey(gateway.get("/v1/projects", "Authorization", "Bearer  " + key));
        assertInvalidKey(gateway.get("/v1/projects", "Authorization", "Bearer " + key, "Authorization",
                "Bearer " + key));
    }

    @Test
    void rejectsWrongShapeAndBadChecksumWith401() {
        String key = gateway.newTestKey();
        char last = key.charAt(key.length() - 1);
        String badChecksum = key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertInvalidKey(gateway.getWithKey("/v1/projects", badChecksum));
        assertInvalidKey(gateway.getWithKey("/v1/projects", "mgma_sk_live_1234567890abcdef"));
        assertInvalidKey(gateway.getWithKey("/v1/projects", key.substring(0, key.length() - 1)));
    }

    @Test
    void rejectsUnknownWellFormedKeyWith401() {
        String unknown = ApiKeyFormat.generate(KeyEnvironment.TEST, new SecureRandom());
        assertInvalidKey(gateway.getWithKey("/v1/projects", unknown));
    }

    @Test
    void rejectsLiveKeyInDevelopmentWith401() {
        String account = gateway.createAccount("free", null);
        String liveKey = gateway.createKey(account, "live").get("key").asString();
        assertInvalidKey(gateway.getWithKey("/v1/projects", liveKey));
    }

    @Test
    void rejectsRevokedKeyWith401OnTheNextRequest() {
        String account = gateway.createAccount("free", null);
        JsonNode created = gateway.createKey(account, "test");
        String key = created.get("key").asString();
        assertThat(gateway.getWithKey("/v1/projects", key).status()).isEqualTo(200);

        Reply revoked = gateway.admin("DELETE", "/admin/v1/accounts/" + account + "/api-keys/"
                + created.get("id").asString(), null);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().at("/data/id").asString()).isEqualTo(created.get("id").asString());
        assertThat(revoked.json().at("/data/revoked").asBoolean()).isTrue();

        assertInvalidKey(gateway.getWithKey("/v1/projects", key));
    }

    /** Its expiry passed before its first request (set in the database: the API takes only future expiries). */
    @Test
    void rejectsExpiredKeyWith401() {
        String account = gateway.createAccount("free", null);
        Reply created = gateway.admin("POST", "/admin/v1/accounts/" + account + "/api-keys",
                Map.of("name", "Short-lived", "environment", "test", "permissions", List.of(), "expiresAt",
                        Instant.now().plusSeconds(60).toString()));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().at("/data/apiKey/key").asString();
        jdbc.update("update api_keys set created_at = now() - interval '1 minute', "
                + "expires_at = now() - interval '1 second' where key_id = ?", created.json().at("/data/apiKey/id")
                .asString());

        assertInvalidKey(gateway.getWithKey("/v1/projects", key));
    }

    @Test
    void neverReadsAKeyFromTheQueryStringOrBody() {
        String key = gateway.newTestKey();
        assertInvalidKey(gateway.get("/v1/projects?api_key=" + key + "&key=" + key + "&access_token=" + key));
        assertInvalidKey(gateway.send("GET", "/v1/projects", "{\"apiKey\":\"" + key + "\"}", "Content-Type",
                "application/json"));
    }

    @Test
    void rejectsKeyWithoutThePermissionWith403() {
        String key = gateway.newTestKey("audience:read");

        Reply reply = gateway.getWithKey("/v1/webhooks", key);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("success").asBoolean()).isFalse();
        assertThat(reply.json().get("error").asString()).isEqualTo("Insufficient permissions");
        assertThat(reply.json().get("code").asString()).isEqualTo("forbidden");
        assertThat(reply.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void templatesAcceptEitherTemplateReadOrEmailRead() {
        assertThat(gateway.getWithKey("/v1/templates", gateway.newTestKey("webhook:read")).status()).isEqualTo(403);
        // Admitted, so the controller answers: without a projectId that is its 400, not the 403.
        for (String permission : new String[] {"template:read", "email:read"}) {
            Reply reply = gateway.getWithKey("/v1/templates", gateway.newTestKey(permission));
            assertThat(reply.status()).as(permission).isEqualTo(400);
            assertThat(reply.json().get("error").asString()).isEqualTo("projectId is required");
        }
    }

    @Test
    void permissionAddedThroughTheAdminApiWorksOnTheNextRequest() {
        String account = gateway.createAccount("free", null);
        JsonNode created = gateway.createKey(account, "test", "audience:read");
        String key = created.get("key").asString();
        assertThat(gateway.getWithKey("/v1/webhooks", key).status()).isEqualTo(403);

        Reply patched = gateway.admin("PATCH", "/admin/v1/accounts/" + account + "/api-keys/"
                + created.get("id").asString(), Map.of("permissions", List.of("audience:read", "webhook:read")));
        assertThat(patched.status()).isEqualTo(200);

        assertThat(gateway.getWithKey("/v1/webhooks", key).status()).isNotEqualTo(403);

        gateway.admin("PATCH", "/admin/v1/accounts/" + account + "/api-keys/" + created.get("id").asString(),
                Map.of("permissions", List.of("audience:read")));
        assertThat(gateway.getWithKey("/v1/webhooks", key).status()).isEqualTo(403);
    }

    @Test
    void warmAuthenticatedRequestRunsNoSql() throws InterruptedException {
        String key = gateway.newTestKey();
        // The key's creation also evicts it on every instance, through a notification that may land after the
        // first request below; the key would then be read once more within the loop. So it lands first.
        awaitCacheEvents();
        // The first request loads the key; the 404 route has no controller, so any statement would be the key's.
        assertThat(gateway.getWithKey("/v1/no-such-route", key).status()).isEqualTo(404);

        long before = TestServices.statements("/v1/no-such-route");
        for (int i = 0; i < 20; i++) {
            assertThat(gateway.getWithKey("/v1/no-such-route", key).status()).isEqualTo(404);
        }
        assertThat(TestServices.statements("/v1/no-such-route")).isEqualTo(before);
    }

    /**
     * Returns once every cache event published so far has reached this instance's caches: PostgreSQL delivers
     * notifications in commit order, so a marker published now arrives after all of them.
     */
    private void awaitCacheEvents() throws InterruptedException {
        String marker = UUID.randomUUID().toString();
        CountDownLatch delivered = new CountDownLatch(1);
        cacheEvents.subscribe("test-marker", id -> {
            if (id.equals(marker)) {
                delivered.countDown();
            }
        }, () -> { });
        cacheEvents.publish("test-marker", marker);
        assertThat(delivered.await(10, TimeUnit.SECONDS)).as("cache events delivered").isTrue();
    }

    @Test
    void coldAuthenticatedRequestLooksUpTheKeyAndItsAccountOnce() {
        String key = gateway.newTestKey();
        long before = TestServices.statements("/v1/no-such-route");
        assertThat(gateway.getWithKey("/v1/no-such-route", key).status()).isEqualTo(404);
        assertThat(TestServices.statements("/v1/no-such-route") - before).isEqualTo(2);
    }

    @Test
    void keyTextNeverAppearsInListsErrorsOrLogs(CapturedOutput output) {
        String account = gateway.createAccount("free", null);
        JsonNode created = gateway.createKey(account, "test", "audience:read");
        String key = created.get("key").asString();
        String keyId = created.get("id").asString();
        assertThat(key).startsWith("mgma_sk_test_" + keyId);
        assertThat(created.get("start").asString()).isEqualTo("mgma_sk_test_" + keyId);

        List<Reply> replies = List.of(
                gateway.getWithKey("/v1/projects", key),
                gateway.getWithKey("/v1/webhooks", key),
                gateway.getWithKey("/v1/projects/" + key, key),
                gateway.get("/v1/projects?key=" + key),
                gateway.get("/v1/projects", "Authorization", "Basic " + key),
                gateway.admin("GET", "/admin/v1/accounts/" + account + "/api-keys", null),
                gateway.admin("GET", "/admin/v1/accounts/" + account + "/api-keys/" + keyId, null),
                gateway.admin("PATCH", "/admin/v1/accounts/" + account + "/api-keys/" + keyId,
                        Map.of("name", "Renamed")),
                gateway.admin("DELETE", "/admin/v1/accounts/" + account + "/api-keys/" + keyId, null),
                gateway.getWithKey("/v1/projects", key),
                gateway.admin("GET", "/admin/v1/accounts/" + account + "/api-keys/" + key, null));

        for (Reply reply : replies) {
            assertThat(reply.text()).doesNotContain(key);
            assertThat(reply.headers().toString()).doesNotContain(key);
        }
        Reply list = replies.get(5);
        assertThat(list.json().at("/data/total").asInt()).isEqualTo(1);
        assertThat(list.json().at("/data/apiKeys/0/id").asString()).isEqualTo(keyId);
        assertThat(list.json().at("/data/apiKeys/0").has("key")).isFalse();
        assertThat(output.getAll()).contains(keyId).doesNotContain(key).doesNotContain(key.substring(13));
    }

    private static void assertInvalidKey(Reply reply) {
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        JsonNode body = reply.json();
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error").asString()).isEqualTo("Invalid or missing API key");
        assertThat(body.get("code").asString()).isEqualTo("unauthorized");
        assertThat(body.at("/metadata/requestId").asString()).isEqualTo(reply.header("X-Request-Id"));
    }
}
