package ai.migma.gateway.contacts;

import java.util.UUID;

/** A contact was created in a project; published inside the transaction that stores it. */
public record ContactAdded(UUID id, UUID accountId, UUID projectId, ContactView contact) {

    public ContactAdded(UUID accountId, UUID projectId, ContactView contact) {
        this(UUID.randomUUID(), accountId, projectId, contact);
    }
}
