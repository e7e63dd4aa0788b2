package ai.migma.gateway.contacts;

import java.util.UUID;

/**
 * A contact's fields or status changed; {@code unsubscribed} when this change unsubscribed it. Published inside the
 * transaction that stores the change.
 */
public record ContactChanged(UUID id, UUID accountId, UUID projectId, ContactView contact, boolean unsubscribed) {

    public ContactChanged(UUID accountId, UUID projectId, ContactView contact, boolean unsubscribed) {
        this(UUID.randomUUID(), accountId, projectId, contact, unsubscribed);
    }
}
