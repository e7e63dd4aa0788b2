package ai.migma.gateway.contacts;

import ai.migma.gateway.web.ApiException;
import java.util.List;

/**
 * The two status vocabularies of Migma's SDK and the one stored. The SDK's {@code Contact.status} reads
 * {@code active | unsubscribed | bounced | complained}; its request types write
 * {@code subscribed | unsubscribed | bounced | non-subscribed}. Both are accepted on input and in filters; the rows
 * keep the request vocabulary (sending, segments and topics select {@code subscribed}) plus {@code complained}, and
 * answers use the {@code Contact} one. {@code non-subscribed} (never opted in) has no {@code Contact} value: it is
 * answered as {@code unsubscribed}, the value under which the SDK's type says "not to be mailed", so a filter on
 * {@code unsubscribed} finds it too, and a filter on {@code non-subscribed} finds it alone.
 */
public final class ContactStatus {

    /** Every value accepted on input, in the order an error lists them. */
    static final List<String> ACCEPTED = List.of("active", "subscribed", "unsubscribed", "bounced", "complained",
            "non-subscribed");

    private ContactStatus() {
    }

    /** The stored status an input value means; a 400 naming {@code prefix}status for any other value. */
    public static String stored(String prefix, String value) {
        if (value == null || !ACCEPTED.contains(value)) {
            throw ApiException.invalid(prefix + "status must be one of " + String.join(", ", ACCEPTED));
        }
        return value.equals("active") ? "subscribed" : value;
    }

    /** The stored statuses a list filter's value selects: those answered with it, or the one it names. */
    static String[] filter(String value) {
        String stored = stored("", value);
        return stored.equals("unsubscribed") ? new String[] {"unsubscribed", "non-subscribed"}
                : new String[] {stored};
    }

    /** The SDK's {@code ContactStatus} for a stored status. */
    static String answered(String stored) {
        return switch (stored) {
            case "subscribed" -> "active";
            case "non-subscribed" -> "unsubscribed";
            default -> stored;
        };
    }
}
