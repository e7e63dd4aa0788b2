package ai.migma.gateway.apikey;

import java.util.UUID;

/** A key was issued (created or rolled); published inside the transaction that stores it. Never holds the key. */
public record ApiKeyCreated(UUID accountId, ApiKeyView key) {
}
