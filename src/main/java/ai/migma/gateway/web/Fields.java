package ai.migma.gateway.web;

/** Checks shared by every request body the gateway reads; failures are 400s that name the field. */
public final class Fields {

    private Fields() {
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
