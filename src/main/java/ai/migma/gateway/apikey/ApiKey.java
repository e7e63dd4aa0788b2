package ai.migma.gateway.apikey;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored key: its hash and its settings, never its text. */
@Entity
@Table(name = "api_keys")
class ApiKey {

    @Id
    private UUID id;

    private String keyId;

    private byte[] keyHash;

    private UUID accountId;

    private String name;

    private String environment;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] permissions;

    private Integer rateLimitPerMinute;

    private Instant createdAt;

    private Instant updatedAt;

    /** Read from the activity table the usage flush writes (V5): keys' own rows are never written by usage. */
    @Formula("(select a.last_used_at from api_key_activity a where a.key_id = key_id)")
    private Instant lastUsedAt;

    private Instant expiresAt;

    private Instant revokedAt;

    @Formula("coalesce((select a.total_requests from api_key_activity a where a.key_id = key_id), 0)")
    private long totalRequests;

    protected ApiKey() {
    }

    ApiKey(UUID accountId, ParsedApiKey parsed, byte[] keyHash, String name, Set<Permission> permissions,
            Integer rateLimitPerMinute, Instant expiresAt, Instant now) {
        this.id = UUID.randomUUID();
        this.keyId = parsed.keyId();
        this.keyHash = keyHash;
        this.accountId = accountId;
        this.name = name;
        this.environment = parsed.environment().wireName();
        this.permissions = scopes(permissions);
        this.rateLimitPerMinute = rateLimitPerMinute;
        this.expiresAt = expiresAt;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void change(String name, Set<Permission> permissions, Integer rateLimitPerMinute, Instant now) {
        this.name = name;
        this.permissions = scopes(permissions);
        this.rateLimitPerMinute = rateLimitPerMinute;
        this.updatedAt = now;
    }

    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
            updatedAt = now;
        }
    }

    /** Ends the key's life at {@code deadline} unless it already ends sooner: the old key of a roll. */
    void expireBy(Instant deadline, Instant now) {
        if (expiresAt == null || deadline.isBefore(expiresAt)) {
            expiresAt = deadline;
            updatedAt = now;
        }
    }

    boolean revoked() {
        return revokedAt != null;
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }



    byte[] keyHash() {
        return keyHash;
    }

    String name() {
        return name;
    }

    Integer rateLimitPerMinute() {
        return rateLimitPerMinute;
    }

    Set<Permission> permissions() {
        return permissionsOf(permissions);
    }

    /** The permissions named by stored scopes. */
    static Set<Permission> permissionsOf(String[] scopes) {
        SortedSet<Permission> set = new TreeSet<>();
        for (String scope : scopes) {
            // Honoured whether or not the catalog still lists it: a removed scope's routes are gone with it.
            if (Permission.isWellFormed(scope)) {
                set.add(Permission.of(scope, null));
            }
        }
        return Collections.unmodifiableSortedSet(set);
    }

    ApiKeySnapshot snapshot() {
        return new ApiKeySnapshot(keyId, accountId, environment(), permissions(), rateLimitPerMinute, expiresAt,
                revokedAt, updatedAt);
    }

    ApiKeyView view() {
        return new ApiKeyView(keyId, ApiKeyFormat.displayStart(environment(), keyId), name, environment(),
                List.copyOf(permissions()), rateLimitPerMinute, createdAt, expiresAt, lastUsedAt, revokedAt,
                totalRequests);
    }

    KeyEnvironment environment() {
        return KeyEnvironment.fromWireName(environment);
    }

    private static String[] scopes(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::scope).toArray(String[]::new);
    }

    UUID accountId() {
        return accountId;
    }

    @Override
    public String toString() {
        return "ApiKey[" + keyId + ", account " + accountId + ", " + Arrays.toString(permissions) + "]";
    }
}
