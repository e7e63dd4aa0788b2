package ai.migma.gateway.contacts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A contact as Migma's SDK reads it ({@code Contact} in the SDK's types): the fields the type marks optional are
 * absent when the contact has none, never {@code null}; {@code status} is the SDK's {@code ContactStatus}
 * ({@link ContactStatus}). Webhook payloads carry the same shape.
 */
public record ContactView(String id, String email, @JsonInclude(JsonInclude.Include.NON_NULL) String firstName,
        @JsonInclude(JsonInclude.Include.NON_NULL) String lastName,
        @JsonInclude(JsonInclude.Include.NON_NULL) String phone,
        @JsonInclude(JsonInclude.Include.NON_NULL) String country,
        @JsonInclude(JsonInclude.Include.NON_NULL) String language, List<String> tags,
        Map<String, Object> customFields, String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant unsubscribedAt, Instant createdAt, Instant updatedAt) {
}
