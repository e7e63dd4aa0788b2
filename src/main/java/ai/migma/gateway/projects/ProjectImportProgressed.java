package ai.migma.gateway.projects;

import java.util.Map;
import java.util.UUID;

/**
 * A project import reached a stage: {@code started}, {@code processing}, {@code completed} or {@code failed}.
 * Published in the transaction that records it; {@code data} is what a webhook receiver is told.
 */
public record ProjectImportProgressed(UUID id, UUID accountId, String stage, Map<String, Object> data) {
}
