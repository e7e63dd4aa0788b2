package ai.migma.gateway.apikey;

import java.util.UUID;

/** A key stopped working for good; published inside the transaction that revokes it ({@code id}: as ApiKeyCreated). */
public record ApiKeyRevoked(UUID id, UUID accountId, ApiKeyView key) {

    public ApiKeyRevoked(UUID accountId, ApiKeyView key) {
        this(UUID.randomUUID(), accountId, key);
    }
}
