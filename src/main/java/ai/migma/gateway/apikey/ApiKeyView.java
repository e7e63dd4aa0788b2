package ai.migma.gateway.apikey;

import java.time.Instant;
import java.util.List;

/**
 * A key as lists and detail pages show it: {@code id} is the key id (the first 8 characters of the key body) and
 * {@code start} the part of the key that may be shown again. Never the key itself. {@code lastUsedAt} and
 * {@code totalRequests} trail live traffic by the usage flush interval.
 */
public record ApiKeyView(String id, String start, String name, KeyEnvironment environment,
        List<Permission> permissions, Integer rateLimitPerMinute, Instant createdAt, Instant expiresAt,
        Instant lastUsedAt, Instant revokedAt, long totalRequests) {
}
