package ai.migma.gateway.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which contacts of a project a segment (or a send) means: all the given tags (compared without case), the
 * status, and for each custom field one of its values. An empty filter means every contact.
 */
public record AudienceFilter(List<String> tags, String status, Map<String, List<String>> customFields) {

    public static final AudienceFilter EVERYONE = new AudienceFilter(List.of(), null, Map.of());

    public AudienceFilter {
        tags = tags == null ? List.of() : List.copyOf(tags);
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }

    public AudienceFilter withStatus(String required) {
        return new AudienceFilter(tags, required, customFields);
    }

    /** A SQL condition on {@code contacts} (no leading {@code and}); its parameters are appended to {@code params}. */
    String where(List<Object> params) {
        List<String> conditions = new ArrayList<>();
        if (!tags.isEmpty()) {
            conditions.add("(select coalesce(array_agg(lower(t)), '{}') from unnest(tags) t) @> ?::text[]");
            params.add(tags.stream().map(tag -> tag.toLowerCase(Locale.ROOT)).toArray(String[]::new));
        }
        if (status != null) {
            conditions.add("status = ?");
            params.add(status);
        }
        customFields.forEach((key, values) -> {
            conditions.add("custom_fields ->> ? = any(?::text[])");
            params.add(key);
            params.add(values.toArray(String[]::new));
        });
        return conditions.isEmpty() ? "true" : String.join(" and ", conditions);
    }
}
