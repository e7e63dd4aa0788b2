package ai.migma.gateway.export;

import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites Migma's merge tags ({@code {{unsubscribe_url}}}, {@code {{firstName}}}, ...) into an email platform's
 * own, so an exported template personalises and unsubscribes where it is imported. The HTML is rewritten as text,
 * not re-serialised, so everything but the tags stays byte for byte as generated.
 */
final class MergeTags {

    /** {@code {{name}}} with optional spaces; the names Migma's templates and variables use. */
    private static final Pattern TAG = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*}}");

    /** The tags every platform has a counterpart for; the rest are custom contact properties. */
    enum Known {
        UNSUBSCRIBE, FIRST_NAME, LAST_NAME, EMAIL;

        /** {@code unsubscribe_url}, {@code unsubscribeUrl}, {@code first_name}, {@code firstName}, ... */
        static Known of(String name) {
            return switch (name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "")) {
                case "unsubscribeurl", "unsubscribe", "unsubscribelink" -> UNSUBSCRIBE;
                case "firstname", "fname" -> FIRST_NAME;
                case "lastname", "lname" -> LAST_NAME;
                case "email", "emailaddress" -> EMAIL;
                default -> null;
            };
        }
    }

    enum Platform {
        /** Mailchimp's merge tags; a custom one is an audience merge field, at most 10 upper-case characters. */
        MAILCHIMP(known -> switch (known) {
            case UNSUBSCRIBE -> "*|UNSUB|*";
            case FIRST_NAME -> "*|FNAME|*";
            case LAST_NAME -> "*|LNAME|*";
            case EMAIL -> "*|EMAIL|*";
        }, custom -> {
            String field = custom.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
            return "*|" + (field.isEmpty() ? "MERGE" : field.substring(0, Math.min(10, field.length()))) + "|*";
        }),
        /** Klaviyo's template tags; a custom one is a profile property, looked up by name. */
        KLAVIYO(known -> switch (known) {
            case UNSUBSCRIBE -> "{% unsubscribe_url %}";
            case FIRST_NAME -> "{{ first_name }}";
            case LAST_NAME -> "{{ last_name }}";
            case EMAIL -> "{{ email }}";
        }, custom -> "{{ person|lookup:'" + custom + "' }}"),
        /** HubSpot's HubL; a custom one is a contact property, whose internal names are lower case. */
        HUBSPOT(known -> switch (known) {
            case UNSUBSCRIBE -> "{{ unsubscribe_link }}";
            case FIRST_NAME -> "{{ contact.firstname }}";
            case LAST_NAME -> "{{ contact.lastname }}";
            case EMAIL -> "{{ contact.email }}";
        }, custom -> "{{ contact." + custom.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + " }}");

        private final Function<Known, String> known;
        private final Function<String, String> custom;

        Platform(Function<Known, String> known, Function<String, String> custom) {
            this.known = known;
            this.custom = custom;
        }

        String tag(String name) {
            Known tag = Known.of(name);
            return tag != null ? known.apply(tag) : custom.apply(name);
        }
    }

    private MergeTags() {
    }

    static String rewrite(String html, Platform platform) {
        return TAG.matcher(html).replaceAll(match -> Matcher.quoteReplacement(platform.tag(match.group(1))));
    }

    /** Whether {@code html} has an unsubscribe tag of Migma's, which every platform requires in some form. */
    static boolean hasUnsubscribe(String html) {
        Matcher matcher = TAG.matcher(html);
        while (matcher.find()) {
            if (Known.of(matcher.group(1)) == Known.UNSUBSCRIBE) {
                return true;
            }
        }
        return false;
    }
}
