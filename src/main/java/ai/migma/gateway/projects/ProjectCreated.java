package ai.migma.gateway.projects;

import java.util.UUID;

/** Published inside the transaction that creates a project, so what listeners add commits with it. */
public record ProjectCreated(UUID accountId, UUID projectId) {
}
