package ai.migma.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import ai.migma.gateway.GatewayProperties;
import ai.migma.gateway.account.AccountService;
import ai.migma.gateway.audit.AuditLog;
import ai.migma.gateway.support.GatewayClient;
import ai.migma.gateway.support.GatewayTest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** MIGMA_BOOTSTRAP_KEY: a key that works with no admin step, installed once however often the gateway starts. */
@GatewayTest
class BootstrapKeyTest {

    static final String KEY = ApiKeyFormat.generate(KeyEnvironment.TEST, new SecureRandom());

    @DynamicPropertySource
    static void bootstrapKey(DynamicPropertyRegistry registry) {
        registry.add("migma.bootstrap.key", () -> KEY);
        registry.add("migma.bootstrap.plan", () -> "free");
        registry.add("migma.bootstrap.permissions", () -> "audience:read,email:read");
    }

    @Autowired
    GatewayClient gateway;

    @Autowired
    BootstrapKeyInstaller installer;
    @Autowired
    ScopeCatalog scopes;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApiKeyRepository keys;

    @Autowired
    AccountService accounts;

    @Autowired
    ApiKeyDirectory directory;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    AuditLog audit;

    @Test
    void bootstrapKeyWorksWithNoAdminStep() {
        GatewayClient.Reply reply = gateway.getWithKey("/v1/projects", KEY);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/data/total").asInt()).isZero();
        assertThat(gateway.getWithKey("/v1/contacts", KEY).status()).isNotEqualTo(403);
        assertThat(gateway.getWithKey("/v1/webhooks", KEY).status()).isEqualTo(403);
    }

    @Test
    void installingAgainChangesNothing() {
        String keyId = ApiKeyFormat.parse(KEY).keyId();

        installer.afterSingletonsInstantiated();
        installer.afterSingletonsInstantiated();

        assertThat(jdbc.queryForObject("select count(*) from api_keys where key_id = ?", Long.class, keyId))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select a.plan from accounts a join api_keys k on k.account_id = a.id "
                + "where k.key_id = ?", String.class, keyId)).isEqualTo("free");
    }

    @Test
    void refusesToStartWithAMalformedKeyWithoutRepeatingIt() {
        String typo = KEY.substring(0, KEY.length() - 1) + (KEY.endsWith("A") ? "B" : "A");
        assertThatIllegalStateException().isThrownBy(() -> installerFor(typo, GatewayProperties.Environment.DEVELOPMENT)
                        .afterSingletonsInstantiated())
                .withMessageContaining("MIGMA_BOOTSTRAP_KEY is not a well-formed Migma key")
                .withMessageNotContaining(typo.substring(13));
    }

    @Test
    void refusesToStartWithAKeyOfTheOtherEnvironment() {
        assertThatIllegalStateException().isThrownBy(() -> installerFor(KEY, GatewayProperties.Environment.PRODUCTION)
                        .afterSingletonsInstantiated())
                .withMessageContaining("is a test key, but MIGMA_ENVIRONMENT=production accepts only live keys")
                .withMessageNotContaining(KEY);
    }

    /** The gateway remembers unknown keys for a minute; installing one must end that at once. */
    @Test
    void aKeyTriedBeforeItWasInstalledWorksTheMomentItIs() {
        String early = ApiKeyFormat.generate(KeyEnvironment.TEST, new SecureRandom());
        assertThat(gateway.getWithKey("/v1/projects", early).status()).isEqualTo(401);
        assertThat(directory.knownUnknown(ApiKeyHasher.hash(early))).isTrue();

        installerFor(early, GatewayProperties.Environment.DEVELOPMENT).afterSingletonsInstantiated();

        assertThat(gateway.getWithKey("/v1/projects", early).status()).isEqualTo(200);
    }

    private BootstrapKeyInstaller installerFor(String key, GatewayProperties.Environment environment) {
        return new BootstrapKeyInstaller(new BootstrapProperties(key, "free", List.of(), "Bootstrap"),
                new GatewayProperties(environment, null, List.of()), keys, directory, accounts, transaction, audit,
                scopes, Clock.systemUTC());
    }
}
