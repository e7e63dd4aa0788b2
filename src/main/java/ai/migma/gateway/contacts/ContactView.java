package ai.migma.gateway.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A contact as Migma's SDK reads it ({@code Contact} in the SDK's types). */
public record ContactView(String id, String email, String firstName, String lastName, String phone, String country,
        String language, List<String> tags, Map<String, Object> customFields, String status, Instant unsubscribedAt,
        Instant createdAt, Instant updatedAt) {
}
