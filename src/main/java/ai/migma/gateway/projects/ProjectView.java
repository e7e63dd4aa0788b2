package ai.migma.gateway.projects;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A project as Migma's SDK reads it; Migma's ids are {@code _id}. */
public record ProjectView(@JsonProperty("_id") String id, String name, String description, String status,
        String domain, Instant createdAt, Instant updatedAt) {
}
