package ai.migma.gateway.apikey;

import java.util.UUID;

/** A key stopped working for good; published inside the transaction that revokes it. */
public record ApiKeyRevoked(UUID accountId, ApiKeyView key) {
}
