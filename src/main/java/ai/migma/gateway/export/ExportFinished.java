package ai.migma.gateway.export;

import java.util.Map;
import java.util.UUID;

/**
 * An export of a conversation ended: its files are stored ({@code succeeded}) or it could not be made. {@code data}
 * is what a webhook receiver is told.
 */
public record ExportFinished(UUID id, UUID accountId, boolean succeeded, Map<String, Object> data) {
}
