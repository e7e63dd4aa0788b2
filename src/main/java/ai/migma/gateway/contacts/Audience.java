package ai.migma.gateway.contacts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the other audience features ask of a project's contacts: segments count them, sending resolves recipients,
 * tags count and rename the names contacts carry. The callers have checked the project belongs to the account.
 */
@Service
public class Audience {

    /** A recipient of a send: the contact's id and address. */
    public record Recipient(UUID contactId, String email) {
    }

    private final ContactStore store;

    Audience(ContactStore store) {
        this.store = store;
    }

    /** How many contacts of the project match the filter. */
    @Transactional(readOnly = true)
    public long count(UUID project, AudienceFilter filter) {
        return store.count(project, filter);
    }

    /** The contacts of the project that match the filter, oldest first. */
    @Transactional(readOnly = true)
    public List<Recipient> recipients(UUID project, AudienceFilter filter) {
        return store.recipients(project, filter);
    }

    /** Contacts carrying each tag name (compared without case), keyed by the lower-cased name. */
    @Transactional(readOnly = true)
    public Map<String, Long> countByTag(UUID project, List<String> tagNames) {
        if (tagNames.isEmpty()) {
            return new LinkedHashMap<>();
        }
        return store.countByTag(project, tagNames.stream().map(t -> t.toLowerCase(Locale.ROOT))
                .toArray(String[]::new));
    }

    /** A tag was renamed: contacts carrying the old name carry the new one. */
    @Transactional
    public void renameTag(UUID project, String oldName, String newName) {
        store.renameTag(project, oldName, newName);
    }

    /** A tag was deleted: no contact carries it any more. */
    @Transactional
    public void removeTag(UUID project, String name) {
        store.removeTag(project, name);
    }
}
