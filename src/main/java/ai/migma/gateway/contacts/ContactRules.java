package ai.migma.gateway.contacts;

import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import java.util.List;

/** What a contact may hold: the checks of create, update and bulk import, each failure naming its field. */
final class ContactRules {

    private static final int MAX_NAME = 200;

    private ContactRules() {
    }

    /** {@code prefix} places the fields in a bulk import ({@code subscribers[3].}); a new contact needs an email. */
    static CheckedContact check(String prefix, ContactService.ContactInput input, boolean creating) {
        String email = creating ? Fields.requireEmail(prefix + "email", input.email()) : null;
        boolean statusGiven = input.status() != null;
        String status = statusGiven ? ContactFields.status(prefix, input.status()) : creating ? "subscribed" : null;
        return new CheckedContact(email, Fields.optionalText(prefix + "firstName", input.firstName(), MAX_NAME),
                Fields.optionalText(prefix + "lastName", input.lastName(), MAX_NAME),
                ContactFields.phone(prefix, input.phone()),
                ContactFields.country(prefix, input.country()), ContactFields.language(prefix, input.language()),
                ContactFields.tags(prefix, input.tags()), ContactFields.customFields(prefix, input.customFields()),
                status, statusGiven);
    }

    /** A bulk import's list: one contact at least, {@code max} at most. */
    static void checkBulk(List<ContactService.ContactInput> subscribers, int max) {
        if (subscribers == null || subscribers.isEmpty()) {
            throw ApiException.invalid("subscribers must hold at least one contact");
        }
        if (subscribers.size() > max) {
            throw ApiException.invalid("subscribers must hold at most " + max + " contacts per request");
        }
    }

    /** Whether a change from {@code before} to {@code after} unsubscribed the contact (its webhook says so). */
    static boolean unsubscribes(String before, String after) {
        return after.equals("unsubscribed") && !before.equals("unsubscribed");
    }
}
