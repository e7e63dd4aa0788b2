package ai.migma.gateway.contacts;

import static ai.migma.gateway.SqlValues.instant;
import static ai.migma.gateway.SqlValues.strings;

import ai.migma.gateway.SqlValues;
import ai.migma.gateway.projects.ProjectService;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import ai.migma.gateway.web.PageParams;
import ai.migma.gateway.web.PathIds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contacts of a project (Migma's "subscribers"). Every call names the project, which must belong to the caller's
 * account, and every query is bounded by that project: another account's contact is simply not found. Changes are
 * reported to the account's webhooks in the same transaction.
 */
@Service
public class ContactService {

    public static final int MAX_BULK = 1000;
    private static final int MAX_NAME = 200;
    private static final String COLUMNS = "id, email, first_name, last_name, phone, country, language, tags, "
            + "custom_fields, status, unsubscribed_at, created_at, updated_at";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    /** The fields a client sends to create or change a contact; null means "not given". */
    public record ContactInput(String email, String firstName, String lastName, String phone, String country,
            String language, List<String> tags, Map<String, Object> customFields, String status) {
    }

    public record ContactPage(List<ContactView> contacts, long count) {
    }

    public record BulkResult(int success, int failed, int updated, List<String> errors) {
    }

    /** A recipient of a send: the contact's id and address. */
    public record Recipient(UUID contactId, String email) {
    }

    private final JdbcClient jdbc;
    private final ProjectService projects;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    ContactService(JdbcClient jdbc, ProjectService projects, ApplicationEventPublisher events, JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public ContactView create(UUID accountId, String projectId, ContactInput input) {
        UUID project = projects.requireOwned(accountId, projectId);
        Checked contact = check("", input, true);
        Instant now = clock.instant();
        List<ContactView> created = jdbc.sql("insert into contacts (id, project_id, email, first_name, last_name, "
                        + "phone, country, language, tags, custom_fields, status, unsubscribed_at, created_at, "
                        + "updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) "
                        + "on conflict (project_id, email) do nothing returning " + COLUMNS)
                .params(UUID.randomUUID(), project, contact.email, contact.firstName, contact.lastName,
                        contact.phone, contact.country, contact.language, array(orEmpty(contact.tags)),
                        json.writeValueAsString(contact.customFields == null ? Map.of() : contact.customFields),
                        contact.status, unsubscribedAt(contact.status, now), Timestamp.from(now), Timestamp.from(now))
                .query(this::view).list();
        if (created.isEmpty()) {
            throw ApiException.conflict("A contact with this email already exists in this project");
        }
        ContactView view = created.get(0);
        events.publishEvent(new ContactAdded(accountId, project, view));
        return view;
    }

    @Transactional(readOnly = true)
    public ContactPage list(UUID accountId, String projectId, PageParams page, String tags, String status,
            String search) {
        UUID project = projects.requireOwned(accountId, projectId);
        List<Object> params = new ArrayList<>(List.of(project));
        StringBuilder where = new StringBuilder("project_id = ?");
        if (tags != null && !tags.isBlank()) {
            // Any of the listed tags, as Migma's list filter reads a comma-separated list.
            where.append(" and (select array_agg(lower(t)) from unnest(tags) t) && ?::text[]");
            params.add(Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                    .map(t -> t.toLowerCase(Locale.ROOT)).toArray(String[]::new));
        }
        if (status != null && !status.isBlank()) {
            where.append(" and status = ?");
            params.add(ContactFields.status("", status));
        }
        if (search != null && !search.isBlank()) {
            where.append(" and (email ilike ? escape '\\' or first_name ilike ? escape '\\' "
                    + "or last_name ilike ? escape '\\')");
            String pattern = SqlValues.containing(search.strip());
            params.addAll(List.of(pattern, pattern, pattern));
        }
        long count = jdbc.sql("select count(*) from contacts where " + where).params(params).query(Long.class)
                .single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.addAll(List.of(page.limit(), page.offset()));
        List<ContactView> contacts = jdbc.sql("select " + COLUMNS + " from contacts where " + where
                        + " order by created_at desc, id limit ? offset ?")
                .params(pageParams).query(this::view).list();
        return new ContactPage(contacts, count);
    }

    @Transactional(readOnly = true)
    public ContactView get(UUID accountId, String projectId, String id) {
        UUID project = projects.requireOwned(accountId, projectId);
        return find(project, id).orElseThrow(() -> ApiException.notFound("Contact"));
    }

    /** Applies the fields that are given; the email never changes (it is the contact's identity in a project). */
    @Transactional
    public ContactView update(UUID accountId, String projectId, String id, ContactInput input) {
        UUID project = projects.requireOwned(accountId, projectId);
        ContactView before = find(project, id).orElseThrow(() -> ApiException.notFound("Contact"));
        if (input.email() != null && !ContactFields.email("email", input.email()).equals(before.email())) {
            throw ApiException.invalid("email cannot be changed; create a new contact instead");
        }
        Checked change = check("", input, false);
        ContactView after = jdbc.sql("update contacts set first_name = coalesce(?, first_name), "
                        + "last_name = coalesce(?, last_name), phone = coalesce(?, phone), "
                        + "country = coalesce(?, country), language = coalesce(?, language), "
                        + "tags = coalesce(?, tags), custom_fields = coalesce(?::jsonb, custom_fields), "
                        + "status = coalesce(?, status), unsubscribed_at = " + UNSUBSCRIBED_AT + ", "
                        + "updated_at = ? where id = ? returning " + COLUMNS)
                .params(change.firstName, change.lastName, change.phone, change.country, change.language,
                        change.tags == null ? null : array(change.tags),
                        change.customFields == null ? null : json.writeValueAsString(change.customFields),
                        change.status, change.status, change.status, Timestamp.from(clock.instant()),
                        Timestamp.from(clock.instant()), UUID.fromString(before.id()))
                .query(this::view).single();
        reportChange(accountId, project, before.status(), after);
        return after;
    }

    @Transactional
    public void delete(UUID accountId, String projectId, String id) {
        UUID project = projects.requireOwned(accountId, projectId);
        int deleted = jdbc.sql("delete from contacts where id = ? and project_id = ?")
                .params(PathIds.uuid(id, "Contact"), project).update();
        if (deleted == 0) {
            throw ApiException.notFound("Contact");
        }
    }

    /**
     * Upserts by email: a new address is added, a known one gets the given fields. Invalid entries are counted and
     * described in {@code errors} by position, and the rest are still imported.
     */
    @Transactional
    public BulkResult bulkImport(UUID accountId, String projectId, List<ContactInput> subscribers) {
        UUID project = projects.requireOwned(accountId, projectId);
        if (subscribers == null || subscribers.isEmpty()) {
            throw ApiException.invalid("subscribers must hold at least one contact");
        }
        if (subscribers.size() > MAX_BULK) {
            throw ApiException.invalid("subscribers must hold at most " + MAX_BULK + " contacts per request");
        }
        int added = 0;
        int updated = 0;
        List<String> errors = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < subscribers.size(); i++) {
            Checked contact;
            try {
                ContactInput input = subscribers.get(i);
                if (input == null) {
                    throw ApiException.invalid("subscribers[" + i + "] must be an object");
                }
                contact = check("subscribers[" + i + "].", input, true);
            } catch (ApiException e) {
                errors.add(e.getMessage());
                continue;
            }
            boolean inserted = jdbc.sql("insert into contacts (id, project_id, email, first_name, last_name, phone, "
                            + "country, language, tags, custom_fields, status, unsubscribed_at, created_at, "
                            + "updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) "
                            + "on conflict (project_id, email) do update set "
                            + "first_name = coalesce(excluded.first_name, contacts.first_name), "
                            + "last_name = coalesce(excluded.last_name, contacts.last_name), "
                            + "phone = coalesce(excluded.phone, contacts.phone), "
                            + "country = coalesce(excluded.country, contacts.country), "
                            + "language = coalesce(excluded.language, contacts.language), "
                            + "tags = case when ? then excluded.tags else contacts.tags end, "
                            + "custom_fields = contacts.custom_fields || excluded.custom_fields, "
                            + "status = case when ? then excluded.status else contacts.status end, "
                            + "unsubscribed_at = case when ? and excluded.status = 'unsubscribed' "
                            + "then coalesce(contacts.unsubscribed_at, excluded.unsubscribed_at) "
                            + "when ? then null else contacts.unsubscribed_at end, "
                            + "updated_at = excluded.updated_at returning (xmax = 0)")
                    .params(UUID.randomUUID(), project, contact.email, contact.firstName, contact.lastName,
                            contact.phone, contact.country, contact.language, array(orEmpty(contact.tags)),
                            json.writeValueAsString(contact.customFields == null ? Map.of() : contact.customFields),
                            contact.status, unsubscribedAt(contact.status, now), Timestamp.from(now),
                            Timestamp.from(now), contact.tags != null, contact.statusGiven, contact.statusGiven,
                            contact.statusGiven)
                    .query(Boolean.class).single();
            if (inserted) {
                added++;
            } else {
                updated++;
            }
        }
        BulkResult result = new BulkResult(added, errors.size(), updated, errors);
        events.publishEvent(new ContactsImported(accountId, project, added, errors.size(), updated));
        return result;
    }

    /** Sets the status of the contact with this email in the project. */
    @Transactional
    public void changeStatus(UUID accountId, String projectId, String email, String status) {
        UUID project = projects.requireOwned(accountId, projectId);
        String checkedEmail = ContactFields.email("email", email);
        String checkedStatus = ContactFields.status("", status);
        ContactView before = jdbc.sql("select " + COLUMNS + " from contacts where project_id = ? and email = ?")
                .params(project, checkedEmail).query(this::view).optional()
                .orElseThrow(() -> ApiException.notFound("Contact"));
        Instant now = clock.instant();
        ContactView after = jdbc.sql("update contacts set status = ?, unsubscribed_at = " + UNSUBSCRIBED_AT
                        + ", updated_at = ? where id = ? returning " + COLUMNS)
                .params(checkedStatus, checkedStatus, checkedStatus, Timestamp.from(now), Timestamp.from(now),
                        UUID.fromString(before.id()))
                .query(this::view).single();
        reportChange(accountId, project, before.status(), after);
    }

    /** How many contacts of the project match the filter. */
    @Transactional(readOnly = true)
    public long count(UUID project, AudienceFilter filter) {
        List<Object> params = new ArrayList<>(List.of(project));
        String where = filter.where(params);
        return jdbc.sql("select count(*) from contacts where project_id = ? and " + where).params(params)
                .query(Long.class).single();
    }

    /** The contacts of the project that match the filter, oldest first. */
    @Transactional(readOnly = true)
    public List<Recipient> recipients(UUID project, AudienceFilter filter) {
        List<Object> params = new ArrayList<>(List.of(project));
        String where = filter.where(params);
        return jdbc.sql("select id, email from contacts where project_id = ? and " + where
                        + " order by created_at, id")
                .params(params)
                .query((row, n) -> new Recipient(row.getObject("id", UUID.class), row.getString("email"))).list();
    }

    /** Contacts carrying each tag name (compared without case), keyed by the lower-cased name. */
    @Transactional(readOnly = true)
    public Map<String, Long> countByTag(UUID project, List<String> tagNames) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (tagNames.isEmpty()) {
            return counts;
        }
        String[] lower = tagNames.stream().map(t -> t.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        jdbc.sql("select lower(t) as tag, count(distinct id) as n from contacts, unnest(tags) t "
                        + "where project_id = ? and lower(t) = any(?::text[]) group by lower(t)")
                .params(project, lower)
                .query((ResultSet row) -> {
                    counts.put(row.getString("tag"), row.getLong("n"));
                });
        return counts;
    }

    /** A tag was renamed: contacts carrying the old name carry the new one. */
    @Transactional
    public void renameTag(UUID project, String oldName, String newName) {
        jdbc.sql("update contacts set tags = (select array_agg(case when lower(t) = lower(?) then ? else t end) "
                        + "from unnest(tags) t) where project_id = ? and exists "
                        + "(select 1 from unnest(tags) t where lower(t) = lower(?))")
                .params(oldName, newName, project, oldName).update();
    }

    /** A tag was deleted: no contact carries it any more. */
    @Transactional
    public void removeTag(UUID project, String name) {
        jdbc.sql("update contacts set tags = coalesce((select array_agg(t) from unnest(tags) t "
                        + "where lower(t) <> lower(?)), '{}') where project_id = ? and exists "
                        + "(select 1 from unnest(tags) t where lower(t) = lower(?))")
                .params(name, project, name).update();
    }

    /** Sets unsubscribed_at when a status (the three parameters) becomes unsubscribed, clears it otherwise. */
    private static final String UNSUBSCRIBED_AT = "case when ?::text is null then unsubscribed_at "
            + "when ? = 'unsubscribed' then coalesce(unsubscribed_at, ?::timestamptz) else null end";

    private void reportChange(UUID accountId, UUID project, String statusBefore, ContactView after) {
        boolean unsubscribed = after.status().equals("unsubscribed") && !statusBefore.equals("unsubscribed");
        events.publishEvent(new ContactChanged(accountId, project, after, unsubscribed));
    }

    private Optional<ContactView> find(UUID project, String id) {
        return jdbc.sql("select " + COLUMNS + " from contacts where id = ? and project_id = ?")
                .params(PathIds.uuid(id, "Contact"), project).query(this::view).optional();
    }

    private record Checked(String email, String firstName, String lastName, String phone, String country,
            String language, List<String> tags, Map<String, Object> customFields, String status,
            boolean statusGiven) {
    }

    private static Checked check(String prefix, ContactInput input, boolean creating) {
        String email = creating ? ContactFields.email(prefix + "email", input.email()) : null;
        boolean statusGiven = input.status() != null;
        String status = statusGiven ? ContactFields.status(prefix, input.status()) : creating ? "subscribed" : null;
        return new Checked(email, Fields.optionalText(prefix + "firstName", input.firstName(), MAX_NAME),
                Fields.optionalText(prefix + "lastName", input.lastName(), MAX_NAME),
                ContactFields.phone(prefix, input.phone()),
                ContactFields.country(prefix, input.country()), ContactFields.language(prefix, input.language()),
                ContactFields.tags(prefix, input.tags()), ContactFields.customFields(prefix, input.customFields()),
                status, statusGiven);
    }

    private static List<String> orEmpty(List<String> tags) {
        return tags == null ? List.of() : tags;
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }

    private static Timestamp unsubscribedAt(String status, Instant now) {
        return "unsubscribed".equals(status) ? Timestamp.from(now) : null;
    }

    private ContactView view(ResultSet row, int n) throws SQLException {
        return new ContactView(row.getString("id"), row.getString("email"), row.getString("first_name"),
                row.getString("last_name"), row.getString("phone"), row.getString("country"),
                row.getString("language"), strings(row.getArray("tags")),
                json.readValue(row.getString("custom_fields"), OBJECT), row.getString("status"),
                instant(row, "unsubscribed_at"), instant(row, "created_at"), instant(row, "updated_at"));
    }


}
