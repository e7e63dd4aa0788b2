package ai.migma.gateway.audit;

import java.time.Instant;
import java.util.UUID;

/** One entry of the audit log as the admin API shows it. */
public record AuditEvent(long id, Instant occurredAt, String actor, String action, UUID accountId, String keyId,
        String details) {
}
