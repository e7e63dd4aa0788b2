package ai.migma.gateway.apikey;

import ai.migma.gateway.account.AccountService;
import ai.migma.gateway.audit.AuditLog;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
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

    /** The longest grace period of a roll: long enough for any deploy, short enough that old keys do die. */
    static final long MAX_ROLL_GRACE_SECONDS = 30L * 24 * 3600;

    private final ApiKeyRepository keys;
    private final ApiKeyDirectory directory;
    private final AccountService accounts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ScopeCatalog scopes;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeyService(ApiKeyRepository keys, ApiKeyDirectory directory, AccountService accounts, AuditLog audit,
            ApplicationEventPublisher events, ScopeCatalog scopes, Clock clock) {
        this.keys = keys;
        this.scopes = scopes;
        this.directory = directory;
        this.accounts = accounts;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public CreatedApiKey create(UUID accountId, String name, String environment, Collection<String> permissions,
            Integer rateLimitPerMinute, Instant expiresAt) {
        accounts.requireExists(accountId);
        KeyEnvironment checkedEnvironment = requireEnvironment(environment);
        String checkedName = Fields.requireText("name", name, MAX_NAME_LENGTH);
        Set<Permission> checkedPermissions = scopes.require(permissions);
        Fields.checkPositive("rateLimitPerMinute", rateLimitPerMinute);
        if (Fields.checkInstant("expiresAt", expiresAt) != null && !expiresAt.isAfter(clock.instant())) {
            throw ApiException.invalid("expiresAt must be in the future");
        }
        CreatedApiKey created = issue(accountId, checkedEnvironment, checkedName, checkedPermissions,
                rateLimitPerMinute, expiresAt);
        audit.record("api_key.created", accountId, created.view().id(), "environment="
                + checkedEnvironment.wireName() + ", permissions=" + scopes(checkedPermissions));
        events.publishEvent(new ApiKeyCreated(accountId, created.view()));
        return created;
    }

    /**
     * Replaces a key by a new one with the same name, environment, permissions and limit, shown once like any new
     * key. The old key keeps working for {@code graceSeconds} so clients can switch over, and is refused at once
     * when that is 0.
     */
    @Transactional
    public CreatedApiKey roll(UUID accountId, String keyId, long graceSeconds) {
        if (graceSeconds < 0 || graceSeconds > MAX_ROLL_GRACE_SECONDS) {
            throw ApiException.invalid("expiresInSeconds must be between 0 and " + MAX_ROLL_GRACE_SECONDS);
        }
        ApiKey old = require(accountId, keyId);
        Instant now = clock.instant();
        if (old.revoked() || old.expiredAt(now)) {
            throw ApiException.conflict("API key " + keyId + " is no longer valid and cannot be rolled");
        }
        CreatedApiKey created = issue(accountId, old.environment(), old.name(), old.permissions(),
                old.rateLimitPerMinute(), null);
        Instant oldKeyEnds = now.plusSeconds(graceSeconds);
        if (graceSeconds == 0) {
            old.revoke(now);
        } else {
            old.expireBy(oldKeyEnds, now);
        }
        changed(old);
        events.publishEvent(new ApiKeyCreated(accountId, created.view()));
        if (graceSeconds == 0) {
            events.publishEvent(new ApiKeyRevoked(accountId, old.view()));
        }
        audit.record("api_key.rolled", accountId, keyId, "replaced by " + created.view().id()
                + ", old key valid until " + oldKeyEnds);
        log.info("Rolled API key {} of account {} to {}", keyId, accountId, created.view().id());
        return created;
    }

    private CreatedApiKey issue(UUID accountId, KeyEnvironment environment, String name,
            Set<Permission> permissions, Integer rateLimitPerMinute, Instant expiresAt) {
        for (int attempt = 0; attempt < KEY_ID_ATTEMPTS; attempt++) {
            String key = ApiKeyFormat.generate(environment, random);
            ParsedApiKey parsed = ApiKeyFormat.parse(key);
            if (!keys.existsByKeyId(parsed.keyId())) {
                ApiKey saved = keys.save(new ApiKey(accountId, parsed, ApiKeyHasher.hash(key), name, permissions,
                        rateLimitPerMinute, expiresAt, clock.instant()));
                changed(saved);
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

    /** The account of the key with this id, if there is one (for installing things next to the bootstrap key). */
    @Transactional(readOnly = true)
    public Optional<UUID> accountOf(String keyId) {
        return keys.findByKeyId(keyId).map(ApiKey::accountId);
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
        Set<Permission> before = key.permissions();
        Integer limitBefore = key.rateLimitPerMinute();
        key.change(name == null ? key.name() : Fields.requireText("name", name, MAX_NAME_LENGTH),
                permissions == null ? before : scopes.require(permissions),
                rateLimitPerMinute == null ? limitBefore : rateLimitPerMinute, clock.instant());
        if (!before.equals(key.permissions())) {
            audit.record("api_key.permissions_changed", accountId, keyId,
                    scopes(before) + " -> " + scopes(key.permissions()));
        }
        if (!Objects.equals(limitBefore, key.rateLimitPerMinute())) {
            audit.record("api_key.limit_changed", accountId, keyId,
                    "rateLimitPerMinute " + limitBefore + " -> " + key.rateLimitPerMinute());
        }
        changed(key);
        log.info("Changed API key {} of account {}", keyId, accountId);
        return key.view();
    }

    /** Revokes the key for good; revoking it again changes nothing. */
    @Transactional
    public ApiKeyView revoke(UUID accountId, String keyId) {
        ApiKey key = require(accountId, keyId);
        if (!key.revoked()) {
            key.revoke(clock.instant());
            changed(key);
            audit.record("api_key.revoked", accountId, keyId, null);
            events.publishEvent(new ApiKeyRevoked(accountId, key.view()));
            log.info("Revoked API key {} of account {}", keyId, accountId);
        }
        return key.view();
    }

    private ApiKey require(UUID accountId, String keyId) {
        accounts.requireExists(accountId);
        return keys.findByAccountIdAndKeyId(accountId, keyId).orElseThrow(() -> ApiException.notFound("API key"));
    }

    private void changed(ApiKey key) {
        directory.changed(key.keyHash());
    }

    private static String scopes(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::scope).toList().toString();
    }

    static KeyEnvironment requireEnvironment(String name) {
        KeyEnvironment environment = KeyEnvironment.fromWireName(name);
        if (environment == null) {
            throw ApiException.invalid(name == null ? "environment is required (test or live)"
                    : "Unknown environment: " + name + " (expected test or live)");
        }
        return environment;
    }


}
