package ai.migma.gateway.contacts;

import ai.migma.gateway.web.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks on a contact's fields, shared by create, update and bulk import. Each failure names the field (with
 * the prefix of its place in a bulk import) and never repeats the value.
 */
public final class ContactFields {

    static final int MAX_TAGS = 50;
    static final int MAX_TAG_LENGTH = 100;
    static final int MAX_CUSTOM_FIELDS = 50;

    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{3,39}");

    private ContactFields() {
    }

    static String phone(String prefix, String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        if (!PHONE.matcher(phone.strip()).matches()) {
            throw ApiException.invalid(prefix + "phone must be a phone number of digits, spaces and + ( ) . / -");
        }
        return phone.strip();
    }

    static String country(String prefix, String country) {
        if (country == null || country.isBlank()) {
            return null;
        }
        if (!COUNTRY.matcher(country.strip()).matches()) {
            throw ApiException.invalid(prefix + "country must be an ISO 3166-1 alpha-2 code such as US");
        }
        return country.strip().toUpperCase(Locale.ROOT);
    }

    static String language(String prefix, String language) {
        if (language == null || language.isBlank()) {
            return null;
        }
        String stripped = language.strip();
        if (stripped.length() > 35 || !LANGUAGE.matcher(stripped).matches()) {
            throw ApiException.invalid(prefix + "language must be a language code such as en or en-US");
        }
        return stripped;
    }

    /** The stored status of either of the SDK's vocabularies ({@link ContactStatus}). */
    public static String status(String prefix, String status) {
        return ContactStatus.stored(prefix, status);
    }

    /** Tag names, stripped, without repeats (compared without case); at most {@value #MAX_TAGS}. */
    public static List<String> tags(String prefix, List<String> tags) {
        if (tags == null) {
            return null;
        }
        if (tags.size() > MAX_TAGS) {
            throw ApiException.invalid(prefix + "tags must hold at most " + MAX_TAGS + " tags");
        }
        List<String> checked = new ArrayList<>(tags.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag == null || tag.isBlank() || tag.length() > MAX_TAG_LENGTH) {
                throw ApiException.invalid(prefix + "tags[" + i + "] must be 1 to " + MAX_TAG_LENGTH
                        + " characters");
            }
            if (seen.add(tag.strip().toLowerCase(Locale.ROOT))) {
                checked.add(tag.strip());
            }
        }
        return checked;
    }

    static Map<String, Object> customFields(String prefix, Map<String, Object> fields) {
        if (fields == null) {
            return null;
        }
        if (fields.size() > MAX_CUSTOM_FIELDS) {
            throw ApiException.invalid(prefix + "customFields must hold at most " + MAX_CUSTOM_FIELDS + " fields");
        }
        for (String key : fields.keySet()) {
            if (key.isBlank() || key.length() > 100) {
                throw ApiException.invalid(prefix + "customFields keys must be 1 to 100 characters");
            }
        }
        return fields;
    }
}
