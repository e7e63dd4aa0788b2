package ai.migma.gateway.apikey;

import java.util.UUID;

/**
 * A key was issued (created or rolled); published inside the transaction that stores it. Never holds the key.
 * {@code id} names this occurrence, so that a listener handling it twice can tell.
 */
public record ApiKeyCreated(UUID id, UUID accountId, ApiKeyView key) {

    public ApiKeyCreated(UUID accountId, ApiKeyView key) {
        this(UUID.randomUUID(), accountId, key);
    }
}
