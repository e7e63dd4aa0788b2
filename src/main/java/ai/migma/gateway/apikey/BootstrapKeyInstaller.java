package ai.migma.gateway.apikey;

import ai.migma.gateway.GatewayProperties;
import ai.migma.gateway.account.AccountService;
import ai.migma.gateway.audit.AuditLog;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Installs {@code MIGMA_BOOTSTRAP_KEY} and an account for it once; a later start, or a second instance starting at
 * the same moment, finds it installed and leaves it alone. A key that could never authenticate stops the start:
 * a stand-in that boots but answers 401 to the README's curl would be harder to diagnose. It runs once the beans
 * are ready and before the web server opens, so the first request already finds the key.
 */
@Component
final class BootstrapKeyInstaller implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BootstrapKeyInstaller.class);

    private final BootstrapProperties bootstrap;
    private final ScopeCatalog scopes;
    private final GatewayProperties gateway;
    private final ApiKeyRepository keys;
    private final ApiKeyDirectory directory;
    private final AccountService accounts;
    private final TransactionTemplate transaction;
    private final AuditLog audit;
    private final Clock clock;

    BootstrapKeyInstaller(BootstrapProperties bootstrap, GatewayProperties gateway, ApiKeyRepository keys,
            ApiKeyDirectory directory, AccountService accounts, TransactionTemplate transaction, AuditLog audit,
            ScopeCatalog scopes, Clock clock) {
        this.bootstrap = bootstrap;
        this.scopes = scopes;
        this.gateway = gateway;
        this.keys = keys;
        this.directory = directory;
        this.accounts = accounts;
        this.transaction = transaction;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String key = bootstrap.key();
        if (key == null || key.isBlank()) {
            return;
        }
        ParsedApiKey parsed = ApiKeyFormat.parse(key.strip());
        if (parsed == null) {
            throw new IllegalStateException("MIGMA_BOOTSTRAP_KEY is not a well-formed Migma key "
                    + "(mgma_sk_test_ or mgma_sk_live_, 32 base62 characters, 6-character checksum)");
        }
        if (parsed.environment() != KeyEnvironment.acceptedIn(gateway.environment())) {
            throw new IllegalStateException("MIGMA_BOOTSTRAP_KEY " + parsed.keyId() + " is a "
                    + parsed.environment().wireName() + " key, but MIGMA_ENVIRONMENT="
                    + gateway.environment().name().toLowerCase() + " accepts only "
                    + KeyEnvironment.acceptedIn(gateway.environment()).wireName() + " keys");
        }
        try {
            transaction.executeWithoutResult(status -> install(key.strip(), parsed));
        } catch (DataIntegrityViolationException raced) {
            // Another instance installed it between our check and our insert.
            log.info("Bootstrap key {} was installed by another instance", parsed.keyId());
        }
    }

    private void install(String key, ParsedApiKey parsed) {
        byte[] hash = ApiKeyHasher.hash(key);
        if (keys.existsByKeyHash(hash)) {
            log.info("Bootstrap key {} is already installed", parsed.keyId());
            return;
        }
        if (keys.existsByKeyId(parsed.keyId())) {
            throw new IllegalStateException("MIGMA_BOOTSTRAP_KEY's id " + parsed.keyId()
                    + " is already used by another key; choose another bootstrap key");
        }
        UUID accountId = accounts.create(bootstrap.accountName(), bootstrap.plan(), null).id();
        keys.save(new ApiKey(accountId, parsed, hash, "Bootstrap key",
                scopes.require(bootstrap.permissions()), null, null, clock.instant()));
        // Clients may have tried the key before it existed, on this instance or another: forget that it was unknown.
        directory.changed(hash);
        audit.record("api_key.created", accountId, parsed.keyId(), "bootstrap key, permissions="
                + bootstrap.permissions());
        log.info("Installed bootstrap key {} for new account {} (plan {}, permissions {})", parsed.keyId(), accountId,
                bootstrap.plan(), bootstrap.permissions());
    }
}
