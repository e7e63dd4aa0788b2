package ai.migma.gateway.contacts;

import ai.migma.gateway.projects.ProjectService;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import ai.migma.gateway.web.PageParams;
import ai.migma.gateway.web.PathIds;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contacts of a project (Migma's "subscribers"): the rules of each call, in order. Every call names the project,
 * which must belong to the caller's account, and every statement ({@link ContactStore}) is bounded by it: another
 * account's contact is simply not found. Changes are announced as events inside the transaction that makes them.
 */
@Service
public class ContactService {

    /** The fields a client sends to create or change a contact; null means "not given". */
    public record ContactInput(String email, String firstName, String lastName, String phone, String country,
            String language, List<String> tags, Map<String, Object> customFields, String status) {
    }

    public record ContactPage(List<ContactView> contacts, long count) {
    }

    public record BulkResult(int success, int failed, int updated, List<String> errors) {
    }

    private final ContactStore store;
    private final ProjectService projects;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ContactImports imports;
    private final BulkImportProperties bulk;

    ContactService(ContactStore store, ProjectService projects, ApplicationEventPublisher events, Clock clock,
            ContactImports imports, BulkImportProperties bulk) {
        this.store = store;
        this.projects = projects;
        this.events = events;
        this.clock = clock;
        this.imports = imports;
        this.bulk = bulk;
    }

    @Transactional
    public ContactView create(UUID accountId, String projectId, ContactInput input) {
        UUID project = projects.requireOwned(accountId, projectId);
        CheckedContact contact = ContactRules.check("", input, true);
        ContactView view = store.insert(project, contact, clock.instant()).orElseThrow(() ->
                ApiException.conflict("A contact with this email already exists in this project"));
        events.publishEvent(new ContactAdded(accountId, project, view));
        return view;
    }

    @Transactional(readOnly = true)
    public ContactPage list(UUID accountId, String projectId, PageParams page, String tags, String status,
            String search) {
        UUID project = projects.requireOwned(accountId, projectId);
        String[] statuses = status == null || status.isBlank() ? null : ContactStatus.filter(status);
        return store.page(project, ContactStore.anyTag(tags), statuses, ContactStore.searchPattern(search),
                page.limit(), page.offset());
    }

    /** By id, or by email address as the SDK's {@code contacts.get} may be given either. */
    @Transactional(readOnly = true)
    public ContactView get(UUID accountId, String projectId, String idOrEmail) {
        UUID project = projects.requireOwned(accountId, projectId);
        if (idOrEmail.indexOf('@') < 0) {
            return find(project, idOrEmail);
        }
        String email;
        try {
            email = Fields.requireEmail("id", idOrEmail);
        } catch (ApiException e) {
            // A path that cannot name a contact is simply not found, as a malformed id is.
            throw ApiException.notFound("Contact");
        }
        return store.findByEmail(project, email).orElseThrow(() -> ApiException.notFound("Contact"));
    }

    /** Applies the fields that are given; the email never changes (it is the contact's identity in a project). */
    @Transactional
    public ContactView update(UUID accountId, String projectId, String id, ContactInput input) {
        UUID project = projects.requireOwned(accountId, projectId);
        ContactView before = find(project, id);
        if (input.email() != null && !Fields.requireEmail("email", input.email()).equals(before.email())) {
            throw ApiException.invalid("email cannot be changed; create a new contact instead");
        }
        CheckedContact change = ContactRules.check("", input, false);
        ContactView after = store.update(UUID.fromString(before.id()), change, clock.instant());
        reportChange(accountId, project, before, after);
        return after;
    }

    @Transactional
    public void delete(UUID accountId, String projectId, String id) {
        UUID project = projects.requireOwned(accountId, projectId);
        if (!store.delete(project, PathIds.uuid(id, "Contact"))) {
            throw ApiException.notFound("Contact");
        }
    }

    /**
     * Upserts by email: a new address is added, a known one gets the given fields. Invalid entries are counted and
     * described in {@code errors} by position, and the rest are still imported. Above the synchronous limit the list
     * is imported by a job ({@link ContactImports}): the answer is then the job's {@code Started}.
     */
    @Transactional
    public Object bulkImport(UUID accountId, String projectId, List<ContactInput> subscribers) {
        UUID project = projects.requireOwned(accountId, projectId);
        ContactRules.checkBulk(subscribers, bulk.maxContacts());
        return imports.start(accountId, project, subscribers);
    }

    /** Sets the status of the contact with this email in the project. */
    @Transactional
    public void changeStatus(UUID accountId, String projectId, String email, String status) {
        UUID project = projects.requireOwned(accountId, projectId);
        String checkedEmail = Fields.requireEmail("email", email);
        String checkedStatus = ContactFields.status("", status);
        ContactView before = store.findByEmail(project, checkedEmail)
                .orElseThrow(() -> ApiException.notFound("Contact"));
        ContactView after = store.updateStatus(UUID.fromString(before.id()), checkedStatus, clock.instant());
        reportChange(accountId, project, before, after);
    }

    private ContactView find(UUID project, String id) {
        return store.find(project, PathIds.uuid(id, "Contact")).orElseThrow(() -> ApiException.notFound("Contact"));
    }

    private void reportChange(UUID accountId, UUID project, ContactView before, ContactView after) {
        events.publishEvent(new ContactChanged(accountId, project, after,
                ContactRules.unsubscribes(before.status(), after.status())));
    }
}
