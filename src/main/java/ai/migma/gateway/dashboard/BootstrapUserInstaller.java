package ai.migma.gateway.dashboard;

import ai.migma.gateway.account.AccountService;
import ai.migma.gateway.apikey.ApiKeyFormat;
import ai.migma.gateway.apikey.ApiKeyService;
import ai.migma.gateway.apikey.BootstrapProperties;
import ai.migma.gateway.apikey.ParsedApiKey;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates {@code MIGMA_BOOTSTRAP_USER_EMAIL} once, in the bootstrap key's account (or an account of its own), so a
 * fresh gateway's dashboard can be signed in to with no admin step. Runs once the application is ready, after the
 * bootstrap key is installed. An existing user is left as it is: the variable never resets a password.
 */
@Component
final class BootstrapUserInstaller {

    private static final Logger log = LoggerFactory.getLogger(BootstrapUserInstaller.class);

    private final BootstrapUserProperties user;
    private final BootstrapProperties bootstrap;
    private final DashboardUsers users;
    private final ApiKeyService keys;
    private final AccountService accounts;

    BootstrapUserInstaller(BootstrapUserProperties user, BootstrapProperties bootstrap, DashboardUsers users,
            ApiKeyService keys, AccountService accounts) {
        this.user = user;
        this.bootstrap = bootstrap;
        this.users = users;
        this.keys = keys;
        this.accounts = accounts;
    }

    @EventListener(ApplicationReadyEvent.class)
    void install() {
        if (user.userEmail() == null || user.userEmail().isBlank()) {
            return;
        }
        if (user.userPassword() == null || user.userPassword().isBlank()) {
            throw new IllegalStateException("MIGMA_BOOTSTRAP_USER_EMAIL is set without MIGMA_BOOTSTRAP_USER_PASSWORD");
        }
        if (users.exists(user.userEmail())) {
            log.info("Bootstrap dashboard user {} is already installed", user.userEmail().strip());
            return;
        }
        UUID account = bootstrapKeyAccount();
        if (account == null) {
            account = accounts.create(bootstrap.accountName(), bootstrap.plan(), null).id();
        }
        users.create(account, user.userEmail(), user.userPassword());
        log.info("Installed bootstrap dashboard user {} for account {}", user.userEmail().strip(), account);
    }

    private UUID bootstrapKeyAccount() {
        if (bootstrap.key() == null || bootstrap.key().isBlank()) {
            return null;
        }
        ParsedApiKey parsed = ApiKeyFormat.parse(bootstrap.key().strip());
        return parsed == null ? null : keys.accountOf(parsed.keyId()).orElse(null);
    }
}
