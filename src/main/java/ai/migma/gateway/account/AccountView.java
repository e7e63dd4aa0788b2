package ai.migma.gateway.account;

import java.time.Instant;
import java.util.UUID;

/** An account as the admin API shows it and as other features read it. */
public record AccountView(UUID id, String name, Plan plan, Integer rateLimitPerMinute, Instant createdAt,
        Instant updatedAt) {
}
