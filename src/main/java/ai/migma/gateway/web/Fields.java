package ai.migma.gateway.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks shared by every request body the gateway reads; failures are 400s that name the field. */
public final class Fields {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

    /**
     * The instants a request may name: the years 1 to 9999 of ISO-8601's four-digit form. PostgreSQL stores a
     * wider range, but not Java's (years ±999,999,999), and nothing a client asks for lies outside this one.
     */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Fields() {
    }

    /**
     * Refuses text PostgreSQL cannot store as sent: a NUL character (text columns refuse it) or half of a surrogate
     * pair (not encodable in UTF-8). Every request body and parameter passes here before a controller sees it.
     */
    public static void requireStorable(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw ApiException.invalid(field + " must not contain NUL characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiException.invalid(field + " must not contain unpaired surrogate characters");
            }
        }
    }

    /** An ISO-8601 instant such as {@code 2026-01-31T00:00:00Z} within years 1 to 9999. */
    public static Instant requireInstant(String field, String value) {
        try {
            return checkInstant(field, Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    /** An optional instant within years 1 to 9999; null stays null. */
    public static Instant checkInstant(String field, Instant value) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            throw ApiException.invalid(field + " must be between years 1 and 9999");
        }
        return value;
    }

    /** A required, non-blank text of at most {@code maxLength} characters, stripped of surrounding blanks. */
    public static String requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw ApiException.invalid(field + " must be at most " + maxLength + " characters");
        }
        return value.strip();
    }

    /** A required email address, stripped and lower-cased: contacts, senders, dashboard users. */
    public static String requireEmail(String field, String email) {
        if (email == null || email.isBlank()) {
            throw ApiException.invalid(field + " is required");
        }
        String stripped = email.strip().toLowerCase(Locale.ROOT);
        if (stripped.length() > 254 || !EMAIL.matcher(stripped).matches()) {
            throw ApiException.invalid(field + " must be a valid email address");
        }
        return stripped;
    }

    /** An optional limit: absent, or a positive whole number. */
    public static void checkPositive(String field, Integer value) {
        if (value != null && value < 1) {
            throw ApiException.invalid(field + " must be at least 1");
        }
    }

    /** An optional text of at most {@code maxLength} characters, stripped; null stays null (not given). */
    public static String optionalText(String field, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            throw ApiException.invalid(field + " must be at most " + maxLength + " characters");
        }
        return value.strip();
    }

    /** As {@link #optionalText}, for a create: a text not given is stored as empty. */
    public static String textOrEmpty(String field, String value, int maxLength) {
        return value == null ? "" : optionalText(field, value, maxLength);
    }
}
