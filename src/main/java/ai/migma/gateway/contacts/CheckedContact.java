package ai.migma.gateway.contacts;

import java.util.List;
import java.util.Map;

/**
 * A contact's fields once {@link ContactRules} accepted them, ready to store; null means "not given" (on an update,
 * "leave as it is"). {@code statusGiven} tells a status the client chose from the default of a new contact.
 */
record CheckedContact(String email, String firstName, String lastName, String phone, String country,
        String language, List<String> tags, Map<String, Object> customFields, String status, boolean statusGiven) {
}
