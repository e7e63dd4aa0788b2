package ai.migma.gateway.apikey;

import ai.migma.gateway.AfterCommit;
import ai.migma.gateway.account.AccountService;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place that creates, changes and revokes keys, for the admin API and (later) the dashboard. Every change a
 * cached key could hide is followed, once committed, by an eviction, so the next request reads the new state.
 */
@Service
public class ApiKeyService {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);
    private static final int MAX_NAME_LENGTH = 200;
    /** Key ids are 47 random bits: a clash is rare, and one more draw settles it. */
    private static final int KEY_ID_ATTEMPTS = 5;

    private final ApiKeyRepository keys;
    private final ApiKeyDirectory directory;
    private final AccountService accounts;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeyService(ApiKeyRepository keys, ApiKeyDirectory directory, AccountService accounts, Clock clock) {
        this.keys = keys;
        this.directory = directory;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Transactional
    public CreatedApiKey create(UUID accountId, String name, String environment, Collection<String> permissions,
            Integer rateLimitPerMinute, Instant expiresAt) {
        accounts.requireExists(accountId);
        KeyEnvironment checkedEnvironment = requireEnvironment(environment);
        String checkedName = Fields.requireText("name", name, MAX_NAME_LENGTH);
        Set<Permission> checkedPermissions = requirePermissions(permissions);
        Fields.checkPositive("rateLimitPerMinute", rateLimitPerMinute);
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApiException.invalid("expiresAt must be in the future");
        }
        for (int attempt = 0; attempt < KEY_ID_ATTEMPTS; attempt++) {
            String key = ApiKeyFormat.generate(checkedEnvironment, random);
            ParsedApiKey parsed = ApiKeyFormat.parse(key);
            if (!keys.existsByKeyId(parsed.keyId())) {
                ApiKey saved = keys.save(new ApiKey(accountId, parsed, ApiKeyHasher.hash(key), checkedName,
                        checkedPermissions, rateLimitPerMinute, expiresAt, now));
                log.info("Created API key {} for account {}", parsed.keyId(), accountId);
                return new CreatedApiKey(saved.view(), key);
            }
        }
        throw new IllegalStateException("No free key id after " + KEY_ID_ATTEMPTS + " attempts");
    }

    @Transactional(readOnly = true)
    public List<ApiKeyView> list(UUID accountId) {
        accounts.requireExists(accountId);
        return keys.findByAccountIdOrderByCreatedAtAscKeyIdAsc(accountId).stream().map(ApiKey::view).toList();
    }

    @Transactional(readOnly = true)
    public ApiKeyView get(UUID accountId, String keyId) {
        return require(accountId, keyId).view();
    }

    /** Applies the fields that are not null; effective on the key's next request. */
    @Transactional
    public ApiKeyView update(UUID accountId, String keyId, String name, Collection<String> permissions,
            Integer rateLimitPerMinute) {
        ApiKey key = require(accountId, keyId);
        if (key.revoked()) {
            throw ApiException.conflict("API key " + keyId + " is revoked");
        }
        Fields.checkPositive("rateLimitPerMinute", rateLimitPerMinute);
        key.change(name == null ? key.name() : Fields.requireText("name", name, MAX_NAME_LENGTH),
                permissions == null ? key.permissions() : requirePermissions(permissions),
                rateLimitPerMinute == null ? key.rateLimitPerMinute() : rateLimitPerMinute, clock.instant());
        evictAfterCommit(key.keyHash());
        log.info("Changed API key {} of account {}", keyId, accountId);
        return key.view();
    }

    /** Revokes the key for good; revoking it again changes nothing. */
    @Transactional
    public ApiKeyView revoke(UUID accountId, String keyId) {
        ApiKey key = require(accountId, keyId);
        key.revoke(clock.instant());
        evictAfterCommit(key.keyHash());
        log.info("Revoked API key {} of account {}", keyId, accountId);
        return key.view();
    }

    private ApiKey require(UUID accountId, String keyId) {
        accounts.requireExists(accountId);
        return keys.findByAccountIdAndKeyId(accountId, keyId).orElseThrow(() -> ApiException.notFound("API key"));
    }

    private void evictAfterCommit(byte[] hash) {
        AfterCommit.run(() -> directory.evict(hash));
    }

    static KeyEnvironment requireEnvironment(String name) {
        KeyEnvironment environment = KeyEnvironment.fromWireName(name);
        if (environment == null) {
            throw ApiException.invalid(name == null ? "environment is required (test or live)"
                    : "Unknown environment: " + name + " (expected test or live)");
        }
        return environment;
    }

    static Set<Permission> requirePermissions(Collection<String> scopes) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        if (scopes == null) {
            return permissions;
        }
        for (String scope : scopes) {
            Permission permission = Permission.fromScope(scope);
            if (permission == null) {
                throw ApiException.invalid("Unknown permission: " + scope);
            }
            permissions.add(permission);
        }
        return permissions;
    }

}
