package ai.migma.gateway.emails;

import java.util.Map;
import java.util.UUID;

/**
 * Generation of an email reached a stage: {@code started}, {@code completed} or {@code failed}. Published in the
 * transaction that records it; {@code data} is what a webhook receiver is told.
 */
public record EmailGenerationProgressed(UUID id, UUID accountId, String stage, Map<String, Object> data) {
}
