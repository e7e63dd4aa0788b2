package ai.migma.gateway.projects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * A project as Migma's SDK reads it; Migma's ids are {@code _id}. {@code description} and {@code domain} are
 * required strings in the SDK's type, so a project without them has them empty; {@code logoUrls} is optional and
 * absent when the project has none.
 */
public record ProjectView(@JsonProperty("_id") String id, String name, String description, String status,
        String domain, @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> logoUrls, Instant createdAt,
        Instant updatedAt) {
}
