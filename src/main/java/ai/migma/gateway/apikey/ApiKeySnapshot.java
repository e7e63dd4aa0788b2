package ai.migma.gateway.apikey;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What authentication needs to know about a key, immutable so the cache can hand the same instance to every request.
 */
public record ApiKeySnapshot(String keyId, UUID accountId, KeyEnvironment environment, Set<Permission> permissions,
        Integer rateLimitPerMinute, Instant expiresAt, Instant revokedAt, Instant updatedAt) {

    public ApiKeySnapshot {
        permissions = Set.copyOf(permissions);
    }

    /** Checked on every request, so in milliseconds of the epoch rather than through a new {@link Instant}. */
    public boolean usableAt(long epochMillis) {
        return revokedAt == null && (expiresAt == null || epochMillis < expiresAt.toEpochMilli());
    }
}
