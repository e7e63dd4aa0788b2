package ai.migma.gateway.emails;

import java.util.Map;
import java.util.UUID;

/** A test send was recorded (nothing is mailed); {@code data} is what a webhook receiver is told. */
public record TestEmailSent(UUID id, UUID accountId, Map<String, Object> data) {
}
