package ai.migma.gateway.segments;

import ai.migma.gateway.contacts.AudienceFilter;
import ai.migma.gateway.contacts.ContactFields;
import ai.migma.gateway.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of Migma's segment filters this gateway evaluates: {@code tags} (all of them), {@code status} and
 * {@code customFields} (each field one of its values), combined with {@code match: "all"}. Migma's other filters
 * (groups, excluded tags, field modes, activity) are refused with a 400 rather than ignored, so a segment never
 * silently means more contacts than its author asked for.
 */
final class SegmentFilters {

    private static final Set<String> SUPPORTED = Set.of("tags", "status", "customFields", "match");

    private SegmentFilters() {
    }

    /** The filters as stored and shown: only the keys given, checked and normalised. */
    static Map<String, Object> check(Map<String, Object> filters) {
        Map<String, Object> checked = new LinkedHashMap<>();
        if (filters == null) {
            return checked;
        }
        for (Map.Entry<String, Object> entry : filters.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (!SUPPORTED.contains(key)) {
                throw ApiException.invalid("filters." + key + " is not supported; use tags, status and customFields");
            }
            if (value == null) {
                continue;
            }
            switch (key) {
                case "match" -> {
                    if (!"all".equals(value)) {
                        throw ApiException.invalid("filters.match must be all");
                    }
                }
                case "tags" -> checked.put(key, ContactFields.tags("filters.", strings("filters.tags", value)));
                case "status" -> checked.put(key, ContactFields.status("filters.",
                        value instanceof String status ? status : null));
                case "customFields" -> checked.put(key, customFields(value));
                default -> throw new IllegalStateException(key);
            }
        }
        return checked;
    }

    @SuppressWarnings("unchecked")
    static AudienceFilter toAudience(Map<String, Object> stored) {
        return new AudienceFilter((List<String>) stored.get("tags"), (String) stored.get("status"),
                (Map<String, List<String>>) stored.get("customFields"));
    }

    private static Map<String, List<String>> customFields(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw ApiException.invalid("filters.customFields must be an object of value lists");
        }
        Map<String, List<String>> checked = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String field = String.valueOf(entry.getKey());
            List<String> values = strings("filters.customFields." + field, entry.getValue());
            if (values.isEmpty()) {
                throw ApiException.invalid("filters.customFields." + field + " must list at least one value");
            }
            checked.put(field, values);
        }
        return checked;
    }

    private static List<String> strings(String field, Object value) {
        if (!(value instanceof List<?> list)) {
            throw ApiException.invalid(field + " must be a list of strings");
        }
        List<String> strings = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String text)) {
                throw ApiException.invalid(field + " must be a list of strings");
            }
            strings.add(text);
        }
        return strings;
    }
}
