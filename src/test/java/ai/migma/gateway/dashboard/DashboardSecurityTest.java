package ai.migma.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.DashboardSession;
import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayClient.Reply;
import ai.migma.gateway.support.GatewayTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard's chain over plain HTTP: login required, CSRF on every form, throttled guessing, the session
 * cookie's flags, users created by the admin API and at startup, and an API chain that stays stateless.
 */
@GatewayTest(properties = {"migma.admin-token=" + GatewayClient.ADMIN_TOKEN,
        "migma.bootstrap.key=mgma_sk_test_LocalDemoKey0nlyNeverUseInProd002eNW7H",
        "migma.bootstrap.user-email=Bootstrap.Owner@example.com",
        "migma.bootstrap.user-password=bootstrap password"})
class DashboardSecurityTest {

    private static final String HOME = "/dashboard/settings/api-integration";

    @Autowired
    GatewayClient gateway;
    @Autowired
    JdbcClient jdbc;
    String account;
    String email;

    @BeforeEach
    void owner() {
        account = gateway.createAccount("free", null);
        email = "owner-" + UUID.randomUUID() + "@example.com";
        gateway.createUser(account, email, "correct horse battery");
    }

    private DashboardSession session() {
        return new DashboardSession(gateway::port);
    }

    @Test
    void pagesNeedALogin() {
        HttpResponse<String> page = session().get(HOME);

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/dashboard/login");
    }

    @Test
    void logsInWithTheRightPasswordOnlyAndSetsAStrictHttpOnlySessionCookie() {
        DashboardSession wrong = session();
        assertThat(wrong.login(email, "wrong password!!").headers().firstValue("Location").orElseThrow())
                .endsWith("/dashboard/login?error");
        assertThat(wrong.get(HOME).statusCode()).isEqualTo(302);

        DashboardSession right = session();
        HttpResponse<String> login = right.login(email.toUpperCase(), "correct horse battery");
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith(HOME);
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("migma_session="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
        HttpResponse<String> page = right.get(HOME);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    }

    /** Browsers send forms as UTF-8 without naming a charset: read as Latin-1, this password would never match. */
    @Test
    void aPasswordBeyondAsciiSignsInThroughTheForm() {
        String password = "pässwörd – 日本語 ✓";
        String other = "other-" + UUID.randomUUID() + "@example.com";
        gateway.createUser(account, other, password);

        HttpResponse<String> login = session().login(other, password);

        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith(HOME);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        DashboardSession owner = session();
        owner.login(email, "correct horse battery");
        String key = gateway.createKey(account, "test", "audience:read").get("id").asString();

        HttpResponse<String> forged = owner.post("/dashboard/api-keys/" + key + "/revoke", Map.of(), HOME, false);

        assertThat(forged.statusCode()).isEqualTo(302);
        assertThat(forged.headers().firstValue("Location").orElseThrow()).endsWith("/dashboard/login?expired");
        assertThat(gateway.admin("GET", "/admin/v1/accounts/" + account + "/api-keys/" + key, null).json()
                .at("/data/apiKey/revokedAt").isNull()).isTrue();
        HttpResponse<String> real = owner.post("/dashboard/api-keys/" + key + "/revoke", Map.of(), HOME, true);
        assertThat(real.statusCode()).isEqualTo(302);
        assertThat(gateway.admin("GET", "/admin/v1/accounts/" + account + "/api-keys/" + key, null).json()
                .at("/data/apiKey/revokedAt").asString()).endsWith("Z");
    }

    @Test
    void markupInAKeyNameIsShownAsTextNeverRun() {
        String markup = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        gateway.admin("POST", "/admin/v1/accounts/" + account + "/api-keys",
                Map.of("name", markup, "environment", "test", "permissions", List.of()));
        DashboardSession owner = session();
        owner.login(email, "correct horse battery");

        String page = owner.get(HOME).body();

        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
                .doesNotContain("<script>alert").doesNotContain("<img src=x");
    }

    @Test
    void theDashboardGoesThroughTheSameServiceAsTheAdminApi() {
        DashboardSession owner = session();
        owner.login(email, "correct horse battery");

        HttpResponse<String> created = owner.post("/dashboard/api-keys", Map.of("name", "From the dashboard",
                "environment", "test", "permissions", "email:send"), HOME, true);

        assertThat(created.statusCode()).isEqualTo(201);
        Reply keys = gateway.admin("GET", "/admin/v1/accounts/" + account + "/api-keys", null);
        assertThat(keys.json().at("/data/apiKeys/0/name").asString()).isEqualTo("From the dashboard");
        String keyId = keys.json().at("/data/apiKeys/0/id").asString();
        assertThat(created.body()).contains("mgma_sk_test_" + keyId);
        Reply audit = gateway.admin("GET", "/admin/v1/audit?accountId=" + account, null);
        assertThat(audit.json().at("/data/events/0/action").asString()).isEqualTo("api_key.created");
        assertThat(audit.json().at("/data/events/0/actor").asString()).isEqualTo(email);
        assertThat(owner.get(HOME).body()).contains("mgma_sk_test_" + keyId).doesNotContain(
                created.body().replaceAll("(?s).*id=\"revealed-key\" type=\"text\" readonly spellcheck=\"false\" "
                        + "value=\"([^\"]+)\".*", "$1"));

        HttpResponse<String> invalid = owner.post("/dashboard/api-keys", Map.of("name", " ", "environment", "test"),
                HOME, true);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("name must not be blank");
    }

    @Test
    void rollingKeepsTheOldKeyForTheChosenGracePeriodOnly() {
        DashboardSession owner = session();
        owner.login(email, "correct horse battery");
        var old = gateway.createKey(account, "test", "audience:read");

        HttpResponse<String> odd = owner.post("/dashboard/api-keys/" + old.get("id").asString() + "/roll",
                Map.of("graceSeconds", "123"), HOME, true);
        assertThat(odd.statusCode()).isEqualTo(400);
        HttpResponse<String> rolled = owner.post("/dashboard/api-keys/" + old.get("id").asString() + "/roll",
                Map.of("graceSeconds", "3600"), HOME, true);

        assertThat(rolled.statusCode()).isEqualTo(201);
        String newKey = rolled.body().replaceAll("(?s).*id=\"revealed-key\" type=\"text\" readonly "
                + "spellcheck=\"false\" value=\"([^\"]+)\".*", "$1");
        assertThat(newKey).startsWith("mgma_sk_test_").isNotEqualTo(old.get("key").asString());
        assertThat(gateway.getWithKey("/v1/projects", newKey).status()).isEqualTo(200);
        assertThat(gateway.getWithKey("/v1/projects", old.get("key").asString()).status()).isEqualTo(200);
        assertThat(gateway.admin("GET", "/admin/v1/accounts/" + account + "/api-keys/" + old.get("id").asString(),
                null).json().at("/data/apiKey/expiresAt").asString()).endsWith("Z");
    }

    @Test
    void failedLoginsForAnEmailPauseItsLoginsFromThatClientEvenWithTheRightPassword() {
        DashboardSession guesser = session();
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.login(email, "guess number " + i).headers().firstValue("Location").orElseThrow())
                    .endsWith("?error");
        }

        HttpResponse<String> right = session().login(email, "correct horse battery");

        assertThat(right.headers().firstValue("Location").orElseThrow()).endsWith("/dashboard/login?throttled");
    }

    @Test
    void theApiChainStaysStateless() {
        String key = gateway.newTestKey();

        Reply reply = gateway.getWithKey("/v1/projects", key);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Set-Cookie")).isNull();
    }

    @Test
    void adminApiCreatesUsersWithCheckedPasswordsAndNeverEchoesThem() {
        String second = "Second-" + UUID.randomUUID() + "@Example.com";
        Reply created = gateway.admin("POST", "/admin/v1/accounts/" + account + "/users",
                Map.of("email", second, "password", "a long enough secret"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().at("/data/user/email").asString()).isEqualTo(second.toLowerCase());
        assertThat(created.text()).doesNotContain("a long enough secret").doesNotContain("password");
        String hash = jdbc.sql("select password_hash from dashboard_users where email = ?")
                .param(second.toLowerCase()).query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}$2");

        assertThat(gateway.admin("POST", "/admin/v1/accounts/" + account + "/users",
                Map.of("email", second.toLowerCase(), "password", "a long enough secret")).status()).isEqualTo(409);
        Reply shortPassword = gateway.admin("POST", "/admin/v1/accounts/" + account + "/users",
                Map.of("email", "third-" + UUID.randomUUID() + "@example.com", "password", "short"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.json().get("error").asString()).isEqualTo("password must be at least 10 characters");
        assertThat(shortPassword.text()).doesNotContain("short\"");
    }

    @Test
    void theBootstrapUserSignsInToTheBootstrapKeysAccount() {
        DashboardSession bootstrap = session();
        assertThat(bootstrap.login("bootstrap.owner@example.com", "bootstrap password").headers()
                .firstValue("Location").orElseThrow()).endsWith(HOME);

        assertThat(bootstrap.get(HOME).body()).contains("mgma_sk_test_LocalDem").contains("Bootstrap key");
    }
}
