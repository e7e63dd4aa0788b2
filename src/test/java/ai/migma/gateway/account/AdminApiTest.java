package ai.migma.gateway.account;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** docs/API.md, "Admin API", over real HTTP: accounts, projects and keys through the admin API. */
@GatewayTest
class AdminApiTest {

    @Autowired
    GatewayClient gateway;

    @Test
    void rejectsMissingOrWrongAdminTokenWith401() {
        for (Reply reply : List.of(
                gateway.get("/admin/v1/accounts/00000000-0000-0000-0000-000000000000"),
                gateway.get("/admin/v1/accounts/00000000-0000-0000-0000-000000000000", "Authorization",
                        "Bearer wrong-token"),
                gateway.get("/admin/v1/accounts/00000000-0000-0000-0000-000000000000", "Authorization",
                        "Bearer " + GatewayClient.ADMIN_TOKEN + "x"),
                gateway.get("/admin/v1/accounts/00000000-0000-0000-0000-000000000000", "Authorization",
                        "Basic " + GatewayClient.ADMIN_TOKEN))) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(reply.json().get("error").asString()).isEqualTo("Invalid or missing admin token");
            assertThat(reply.json().get("code").asString()).isEqualTo("unauthorized");
        }
    }

    @Test
    void apiKeysDoNotOpenTheAdminApi() {
        String key = gateway.newTestKey("audience:read", "audience:write", "webhook:write");
        assertThat(gateway.send("POST", "/admin/v1/accounts", "{\"name\":\"x\",\"plan\":\"free\"}",
                "Authorization", "Bearer " + key, "Content-Type", "application/json").status()).isEqualTo(401);
    }

    @Test
    void createsReadsAndChangesAnAccount() {
        Reply created = gateway.admin("POST", "/admin/v1/accounts", Map.of("name", "Acme", "plan", "free"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode account = created.json().at("/data/account");
        assertThat(account.get("name").asString()).isEqualTo("Acme");
        assertThat(account.get("plan").asString()).isEqualTo("free");
        assertThat(account.get("rateLimitPerMinute").isNull()).isTrue();
        assertThat(Instant.parse(account.get("createdAt").asString())).isBeforeOrEqualTo(Instant.now());
        String id = account.get("id").asString();

        assertThat(gateway.admin("GET", "/admin/v1/accounts/" + id, null).json().at("/data/account"))
                .isEqualTo(account);

        Reply upgraded = gateway.admin("PATCH", "/admin/v1/accounts/" + id,
                Map.of("plan", "enterprise", "rateLimitPerMinute", 5000));
        assertThat(upgraded.status()).isEqualTo(200);
        assertThat(upgraded.json().at("/data/account/plan").asString()).isEqualTo("enterprise");
        assertThat(upgraded.json().at("/data/account/rateLimitPerMinute").asInt()).isEqualTo(5000);
        assertThat(upgraded.json().at("/data/account/name").asString()).isEqualTo("Acme");
    }

    @Test
    void rejectsBadAccountsWith400NamingTheProblem() {
        assertValidationError(gateway.admin("POST", "/admin/v1/accounts", Map.of("name", "Acme", "plan", "gold")),
                "Unknown plan: gold (expected free, pro or enterprise)");
        assertValidationError(gateway.admin("POST", "/admin/v1/accounts", Map.of("name", "Acme")),
                "plan is required (free, pro or enterprise)");
        assertValidationError(gateway.admin("POST", "/admin/v1/accounts", Map.of("name", " ", "plan", "free")),
                "name must not be blank");
        assertValidationError(gateway.admin("POST", "/admin/v1/accounts",
                Map.of("name", "Big", "plan", "enterprise")), "rateLimitPerMinute is required for the enterprise plan");
        assertValidationError(gateway.admin("POST", "/admin/v1/accounts",
                Map.of("name", "Acme", "plan", "pro", "rateLimitPerMinute", 0)), "rateLimitPerMinute must be at least 1");
    }

    @Test
    void createdKeyIsShownOnceAndNeverAgain() {
        String account = gateway.createAccount("pro", null);
        Reply created = gateway.admin("POST", "/admin/v1/accounts/" + account + "/api-keys",
                Map.of("name", "CI", "environment", "test", "permissions", List.of("email:send", "audience:read"),
                        "rateLimitPerMinute", 30));
        assertThat(created.status()).isEqualTo(201);
        JsonNode key = created.json().at("/data/apiKey");
        assertThat(key.get("key").asString()).matches("mgma_sk_test_[0-9A-Za-z]{38}");
        assertThat(key.get("id").asString()).isEqualTo(key.get("key").asString().substring(13, 21));
        assertThat(key.get("name").asString()).isEqualTo("CI");
        assertThat(key.get("environment").asString()).isEqualTo("test");
        assertThat(key.get("permissions").toString()).isEqualTo("[\"audience:read\",\"email:send\"]");
        assertThat(key.get("rateLimitPerMinute").asInt()).isEqualTo(30);
        assertThat(key.get("createdAt").isString()).isTrue();
        assertThat(key.has("expiresAt")).isTrue();
        assertThat(key.has("lastUsedAt")).isTrue();

        JsonNode detail = gateway.admin("GET", "/admin/v1/accounts/" + account + "/api-keys/"
                + key.get("id").asString(), null).json().at("/data/apiKey");
        assertThat(detail.has("key")).isFalse();
        assertThat(detail.get("id")).isEqualTo(key.get("id"));
        assertThat(detail.get("permissions")).isEqualTo(key.get("permissions"));

        JsonNode list = gateway.admin("GET", "/admin/v1/accounts/" + account + "/api-keys", null).json();
        assertThat(list.at("/data/total").asInt()).isEqualTo(1);
        assertThat(list.at("/data/apiKeys/0").has("key")).isFalse();
        assertThat(list.toString()).doesNotContain(key.get("key").asString());
    }

    @Test
    void rejectsUnknownPermissionOrEnvironmentWith400NamingIt() {
        String account = gateway.createAccount("free", null);
        String path = "/admin/v1/accounts/" + account + "/api-keys";
        assertValidationError(gateway.admin("POST", path, Map.of("name", "k", "environment", "test",
                "permissions", List.of("audience:read", "audience:delete"))), "Unknown permission: audience:delete");
        assertValidationError(gateway.admin("POST", path, Map.of("name", "k", "environment", "prod",
                "permissions", List.of())), "Unknown environment: prod (expected test or live)");
        assertValidationError(gateway.admin("POST", path, Map.of("name", "k", "permissions", List.of())),
                "environment is required (test or live)");
        assertValidationError(gateway.admin("POST", path, Map.of("name", "k", "environment", "test",
                "expiresAt", "2001-01-01T00:00:00Z")), "expiresAt must be in the future");
        assertValidationError(gateway.admin("POST", path, Map.of("name", "k", "environment", "test",
                "expiresAt", "next tuesday")), "Invalid value for field expiresAt");
        assertThat(gateway.admin("GET", path, null).json().at("/data/total").asInt()).isZero();
    }

    @Test
    void revokingIsFinalAndIdempotent() {
        String account = gateway.createAccount("free", null);
        String keyId = gateway.createKey(account, "test").get("id").asString();
        String path = "/admin/v1/accounts/" + account + "/api-keys/" + keyId;

        assertThat(gateway.admin("DELETE", path, null).json().at("/data/revoked").asBoolean()).isTrue();
        Reply again = gateway.admin("DELETE", path, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().at("/data/revoked").asBoolean()).isTrue();
        assertThat(gateway.admin("GET", path, null).json().at("/data/apiKey/revokedAt").isString()).isTrue();

        Reply patch = gateway.admin("PATCH", path, Map.of("permissions", List.of("email:send")));
        assertThat(patch.status()).isEqualTo(409);
        assertThat(patch.json().get("code").asString()).isEqualTo("conflict");
    }

    @Test
    void anotherAccountsKeyIsNotFound() {
        String owner = gateway.createAccount("free", null);
        String other = gateway.createAccount("free", null);
        String keyId = gateway.createKey(owner, "test").get("id").asString();

        for (Reply reply : List.of(
                gateway.admin("GET", "/admin/v1/accounts/" + other + "/api-keys/" + keyId, null),
                gateway.admin("DELETE", "/admin/v1/accounts/" + other + "/api-keys/" + keyId, null),
                gateway.admin("PATCH", "/admin/v1/accounts/" + other + "/api-keys/" + keyId, Map.of("name", "x")))) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.json().get("code").asString()).isEqualTo("not_found");
        }
        assertThat(gateway.admin("GET", "/admin/v1/accounts/" + owner + "/api-keys/" + keyId, null)
                .json().at("/data/apiKey/revokedAt").isNull()).isTrue();
    }

    @Test
    void unknownOrMalformedIdsAre404() {
        assertThat(gateway.admin("GET", "/admin/v1/accounts/00000000-0000-0000-0000-000000000000", null).status())
                .isEqualTo(404);
        assertThat(gateway.admin("GET", "/admin/v1/accounts/not-a-uuid", null).status()).isEqualTo(404);
        assertThat(gateway.admin("GET", "/admin/v1/accounts/not-a-uuid/api-keys", null).status()).isEqualTo(404);
        assertThat(gateway.admin("POST", "/admin/v1/accounts/00000000-0000-0000-0000-000000000000/api-keys",
                Map.of("name", "k", "environment", "test")).status()).isEqualTo(404);
    }

    @Test
    void createsProjectsAndRejectsBadOnes() {
        String account = gateway.createAccount("free", null);
        String path = "/admin/v1/accounts/" + account + "/projects";
        Reply created = gateway.admin("POST", path, Map.of("name", "Newsletter", "domain", "news.example.com",
                "description", "Weekly"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode project = created.json().at("/data/project");
        assertThat(project.get("_id").asString()).isNotBlank();
        assertThat(project.get("name").asString()).isEqualTo("Newsletter");
        assertThat(project.get("domain").asString()).isEqualTo("news.example.com");
        assertThat(project.get("status").asString()).isEqualTo("active");

        assertValidationError(gateway.admin("POST", path, Map.of("name", "")), "name must not be blank");
        assertValidationError(gateway.admin("POST", path, Map.of("name", "x", "domain", "not a domain")),
                "domain must be a host name such as example.com");
    }

    @Test
    void malformedRequestsGetJson4xx() {
        Reply malformed = gateway.send("POST", "/admin/v1/accounts", "{\"name\": ", "Authorization",
                "Bearer " + GatewayClient.ADMIN_TOKEN, "Content-Type", "application/json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asString()).isEqualTo("validation_error");
        assertThat(malformed.json().get("error").asString()).isEqualTo("Malformed JSON request body at name");

        Reply wrongType = gateway.admin("POST", "/admin/v1/accounts",
                Map.of("name", "x", "plan", "pro", "rateLimitPerMinute", "many"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("error").asString()).isEqualTo("Invalid value for field rateLimitPerMinute");

        Reply noBody = gateway.send("POST", "/admin/v1/accounts", null, "Authorization",
                "Bearer " + GatewayClient.ADMIN_TOKEN, "Content-Type", "application/json");
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(noBody.json().get("error").asString()).isEqualTo("Request body is missing");

        Reply wrongContentType = gateway.send("POST", "/admin/v1/accounts", "name=x", "Authorization",
                "Bearer " + GatewayClient.ADMIN_TOKEN, "Content-Type", "text/plain");
        assertThat(wrongContentType.status()).isEqualTo(415);
        assertThat(wrongContentType.json().get("success").asBoolean()).isFalse();

        Reply wrongMethod = gateway.admin("PUT", "/admin/v1/accounts", Map.of("name", "x"));
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("error").asString()).isEqualTo("Method PUT is not allowed here");
        assertThat(wrongMethod.header("Allow")).contains("POST");
    }

    private static void assertValidationError(Reply reply, String message) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.json().get("success").asBoolean()).isFalse();
        assertThat(reply.json().get("error").asString()).isEqualTo(message);
        assertThat(reply.json().get("code").asString()).isEqualTo("validation_error");
    }
}
