package ai.migma.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Rolling keys and the audit log, over real HTTP. */
@GatewayTest
class KeyLifecycleTest {

    @Autowired
    GatewayClient gateway;

    @Test
    void rollWithNoGraceRefusesTheOldKeyAtOnce() {
        String account = gateway.createAccount("pro", null);
        JsonNode old = gateway.createKey(account, "test", "audience:read", "webhook:read");
        assertThat(gateway.getWithKey("/v1/projects", old.get("key").asString()).status()).isEqualTo(200);

        Reply rolled = gateway.admin("POST", "/admin/v1/accounts/" + account + "/api-keys/"
                + old.get("id").asString() + "/roll", Map.of("expiresInSeconds", 0));

        assertThat(rolled.status()).isEqualTo(201);
        JsonNode fresh = rolled.json().at("/data/apiKey");
        assertThat(fresh.get("id").asString()).isNotEqualTo(old.get("id").asString());
        assertThat(fresh.get("name")).isEqualTo(old.get("name"));
        assertThat(fresh.get("permissions")).isEqualTo(old.get("permissions"));
        assertThat(gateway.getWithKey("/v1/projects", old.get("key").asString()).status()).isEqualTo(401);
        assertThat(gateway.getWithKey("/v1/projects", fresh.get("key").asString()).status()).isEqualTo(200);
    }

    /**
     * Over HTTP, that the old key keeps working and when it stops; that it then stops is the key step's expiry,
     * shown without waiting by ApiKeyAuthenticationProviderTest
     * .authenticateWhenKeyExpiresThenWorksUntilItsExpiryAndNotFromIt.
     */
    @Test
    void rollWithGraceKeepsTheOldKeyWorkingUntilTheGraceEnds() {
        String account = gateway.createAccount("pro", null);
        JsonNode old = gateway.createKey(account, "test");
        String oldKey = old.get("key").asString();
        String oldKeyPath = "/admin/v1/accounts/" + account + "/api-keys/" + old.get("id").asString();

        Instant rolledAt = Instant.now();
        Reply rolled = gateway.admin("POST", oldKeyPath + "/roll", Map.of("expiresInSeconds", 3));
        assertThat(rolled.status()).isEqualTo(201);
        String newKey = rolled.json().at("/data/apiKey/key").asString();

        assertThat(gateway.getWithKey("/v1/projects", oldKey).status()).isEqualTo(200);
        assertThat(gateway.getWithKey("/v1/projects", newKey).status()).isEqualTo(200);
        Instant ends = Instant.parse(gateway.admin("GET", oldKeyPath, null).json().at("/data/apiKey/expiresAt")
                .asString());
        assertThat(ends).isBetween(rolledAt.plusSeconds(3), Instant.now().plusSeconds(3));
    }

    @Test
    void rollRefusesRevokedKeysAndBadGracePeriods() {
        String account = gateway.createAccount("pro", null);
        String keyId = gateway.createKey(account, "test").get("id").asString();
        String roll = "/admin/v1/accounts/" + account + "/api-keys/" + keyId + "/roll";
        assertThat(gateway.admin("POST", roll, Map.of("expiresInSeconds", -1)).status()).isEqualTo(400);
        assertThat(gateway.admin("POST", roll, Map.of("expiresInSeconds", 40L * 24 * 3600)).status()).isEqualTo(400);
        gateway.admin("DELETE", "/admin/v1/accounts/" + account + "/api-keys/" + keyId, null);
        assertThat(gateway.admin("POST", roll, Map.of("expiresInSeconds", 10)).status()).isEqualTo(409);
    }

    @Test
    void auditLogShowsWhoDidWhatToWhichKeyAndNeverTheKey() {
        String account = gateway.createAccount("free", null);
        JsonNode created = gateway.createKey(account, "test", "audience:read");
        String keyId = created.get("id").asString();
        String base = "/admin/v1/accounts/" + account + "/api-keys/" + keyId;
        gateway.admin("PATCH", base, Map.of("permissions", List.of("audience:read", "email:send")));
        Reply rolled = gateway.admin("POST", base + "/roll", Map.of("expiresInSeconds", 60));
        String newKeyId = rolled.json().at("/data/apiKey/id").asString();
        gateway.admin("DELETE", "/admin/v1/accounts/" + account + "/api-keys/" + newKeyId, null);
        gateway.admin("PATCH", "/admin/v1/accounts/" + account, Map.of("plan", "pro"));

        Reply audit = gateway.admin("GET", "/admin/v1/audit?accountId=" + account, null);

        assertThat(audit.status()).isEqualTo(200);
        List<String> entries = new ArrayList<>();
        for (JsonNode event : audit.json().at("/data/events")) {
            assertThat(event.get("actor").asString()).matches("admin:[0-9a-f]{8}");
            entries.add(event.get("action").asString() + " " + event.get("keyId").asString(""));
        }
        assertThat(entries).containsExactly(
                "account.plan_changed ",
                "api_key.revoked " + newKeyId,
                "api_key.rolled " + keyId,
                "api_key.permissions_changed " + keyId,
                "api_key.created " + keyId,
                "account.created ");
        assertThat(audit.json().at("/data/events/2/details").asString()).startsWith("replaced by " + newKeyId);
        assertThat(audit.text()).doesNotContain(created.get("key").asString())
                .doesNotContain(rolled.json().at("/data/apiKey/key").asString())
                .doesNotContain(GatewayClient.ADMIN_TOKEN);
        assertThat(gateway.admin("GET", "/admin/v1/audit?limit=0", null).status()).isEqualTo(400);
    }
}
