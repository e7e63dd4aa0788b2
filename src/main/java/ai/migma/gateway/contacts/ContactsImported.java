package ai.migma.gateway.contacts;

import java.util.UUID;

/** A bulk import finished: how many contacts were added, failed and updated. */
public record ContactsImported(UUID id, UUID accountId, UUID projectId, int added, int failed, int updated) {

    public ContactsImported(UUID accountId, UUID projectId, int added, int failed, int updated) {
        this(UUID.randomUUID(), accountId, projectId, added, failed, updated);
    }
}
