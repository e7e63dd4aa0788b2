package ai.migma.gateway.contacts;

import static ai.migma.gateway.SqlValues.instant;
import static ai.migma.gateway.SqlValues.strings;

import ai.migma.gateway.SqlValues;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contacts table: every statement the feature runs, each bounded by the project it is given. Plain SQL rather
 * than JPA: the upsert of a bulk import, tag arrays and the JSON custom fields are PostgreSQL's own.
 */
@Repository
class ContactStore {

    private static final String COLUMNS = "id, email, first_name, last_name, phone, country, language, tags, "
            + "custom_fields, status, unsubscribed_at, created_at, updated_at";
    /** One new contact's row; {@link #insertParams} gives its fourteen values in this order. */
    private static final String INSERT = "insert into contacts (id, project_id, email, first_name, last_name, phone, "
            + "country, language, tags, custom_fields, status, unsubscribed_at, created_at, updated_at) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) ";
    /** Sets unsubscribed_at when a status (the three parameters) becomes unsubscribed, clears it otherwise. */
    private static final String UNSUBSCRIBED_AT = "case when ?::text is null then unsubscribed_at "
            + "when ? = 'unsubscribed' then coalesce(unsubscribed_at, ?::timestamptz) else null end";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ContactStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The new contact, or empty when the project already has one with its email. */
    Optional<ContactView> insert(UUID project, CheckedContact contact, Instant now) {
        return jdbc.sql(INSERT + "on conflict (project_id, email) do nothing returning " + COLUMNS)
                .params(insertParams(project, contact, now)).query(this::view).optional();
    }

    /** Adds the contact, or gives a known email the fields given; true when it was added. */
    boolean upsert(UUID project, CheckedContact contact, Instant now) {
        List<Object> params = insertParams(project, contact, now);
        params.addAll(List.of(contact.tags() != null, contact.statusGiven(), contact.statusGiven(),
                contact.statusGiven()));
        return jdbc.sql(INSERT + "on conflict (project_id, email) do update set "
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
                .params(params).query(Boolean.class).single();
    }

    /** One page of the project's contacts matching the list filters, newest first, and how many match in all. */
    ContactService.ContactPage page(UUID project, String[] anyTag, String[] statuses, String searchPattern,
            int limit, long offset) {
        List<Object> params = new ArrayList<>(List.of(project));
        StringBuilder where = new StringBuilder("project_id = ?");
        if (anyTag != null) {
            where.append(" and (select array_agg(lower(t)) from unnest(tags) t) && ?::text[]");
            params.add(anyTag);
        }
        if (statuses != null) {
            where.append(" and status = any(?::text[])");
            params.add(statuses);
        }
        if (searchPattern != null) {
            where.append(" and (email ilike ? escape '\\' or first_name ilike ? escape '\\' "
                    + "or last_name ilike ? escape '\\')");
            params.addAll(List.of(searchPattern, searchPattern, searchPattern));
        }
        long count = jdbc.sql("select count(*) from contacts where " + where).params(params).query(Long.class)
                .single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.addAll(List.of(limit, offset));
        List<ContactView> contacts = jdbc.sql("select " + COLUMNS + " from contacts where " + where
                        + " order by created_at desc, id limit ? offset ?")
                .params(pageParams).query(this::view).list();
        return new ContactService.ContactPage(contacts, count);
    }

    Optional<ContactView> find(UUID project, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from contacts where id = ? and project_id = ?")
                .params(id, project).query(this::view).optional();
    }

    Optional<ContactView> findByEmail(UUID project, String email) {
        return jdbc.sql("select " + COLUMNS + " from contacts where project_id = ? and email = ?")
                .params(project, email).query(this::view).optional();
    }

    /** Applies the fields that are not null. */
    ContactView update(UUID id, CheckedContact change, Instant now) {
        return jdbc.sql("update contacts set first_name = coalesce(?, first_name), "
                        + "last_name = coalesce(?, last_name), phone = coalesce(?, phone), "
                        + "country = coalesce(?, country), language = coalesce(?, language), "
                        + "tags = coalesce(?, tags), custom_fields = coalesce(?::jsonb, custom_fields), "
                        + "status = coalesce(?, status), unsubscribed_at = " + UNSUBSCRIBED_AT + ", "
                        + "updated_at = ? where id = ? returning " + COLUMNS)
                .params(change.firstName(), change.lastName(), change.phone(), change.country(), change.language(),
                        change.tags() == null ? null : array(change.tags()),
                        change.customFields() == null ? null : json.writeValueAsString(change.customFields()),
                        change.status(), change.status(), change.status(), Timestamp.from(now), Timestamp.from(now),
                        id)
                .query(this::view).single();
    }

    ContactView updateStatus(UUID id, String status, Instant now) {
        return jdbc.sql("update contacts set status = ?, unsubscribed_at = " + UNSUBSCRIBED_AT
                        + ", updated_at = ? where id = ? returning " + COLUMNS)
                .params(status, status, status, Timestamp.from(now), Timestamp.from(now), id)
                .query(this::view).single();
    }

    boolean delete(UUID project, UUID id) {
        return jdbc.sql("delete from contacts where id = ? and project_id = ?").params(id, project).update() > 0;
    }

    long count(UUID project, AudienceFilter filter) {
        List<Object> params = new ArrayList<>(List.of(project));
        String where = filter.where(params);
        return jdbc.sql("select count(*) from contacts where project_id = ? and " + where).params(params)
                .query(Long.class).single();
    }

    List<Audience.Recipient> recipients(UUID project, AudienceFilter filter) {
        List<Object> params = new ArrayList<>(List.of(project));
        String where = filter.where(params);
        return jdbc.sql("select id, email from contacts where project_id = ? and " + where
                        + " order by created_at, id")
                .params(params)
                .query((row, n) -> new Audience.Recipient(row.getObject("id", UUID.class), row.getString("email")))
                .list();
    }

    Map<String, Long> countByTag(UUID project, String[] lowerCaseNames) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("select lower(t) as tag, count(distinct id) as n from contacts, unnest(tags) t "
                        + "where project_id = ? and lower(t) = any(?::text[]) group by lower(t)")
                .params(project, lowerCaseNames)
                .query((ResultSet row) -> {
                    counts.put(row.getString("tag"), row.getLong("n"));
                });
        return counts;
    }

    void renameTag(UUID project, String oldName, String newName) {
        jdbc.sql("update contacts set tags = (select array_agg(case when lower(t) = lower(?) then ? else t end) "
                        + "from unnest(tags) t) where project_id = ? and exists "
                        + "(select 1 from unnest(tags) t where lower(t) = lower(?))")
                .params(oldName, newName, project, oldName).update();
    }

    void removeTag(UUID project, String name) {
        jdbc.sql("update contacts set tags = coalesce((select array_agg(t) from unnest(tags) t "
                        + "where lower(t) <> lower(?)), '{}') where project_id = ? and exists "
                        + "(select 1 from unnest(tags) t where lower(t) = lower(?))")
                .params(name, project, name).update();
    }

    /** The fourteen values of {@link #INSERT}, in a list the caller may add to. */
    private List<Object> insertParams(UUID project, CheckedContact contact, Instant now) {
        return new ArrayList<>(Arrays.asList(UUID.randomUUID(), project, contact.email(), contact.firstName(),
                contact.lastName(), contact.phone(), contact.country(), contact.language(),
                array(contact.tags() == null ? List.of() : contact.tags()),
                json.writeValueAsString(contact.customFields() == null ? Map.of() : contact.customFields()),
                contact.status(), "unsubscribed".equals(contact.status()) ? Timestamp.from(now) : null,
                Timestamp.from(now), Timestamp.from(now)));
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }

    private ContactView view(ResultSet row, int n) throws SQLException {
        return new ContactView(row.getString("id"), row.getString("email"), row.getString("first_name"),
                row.getString("last_name"), row.getString("phone"), row.getString("country"),
                row.getString("language"), strings(row.getArray("tags")),
                json.readValue(row.getString("custom_fields"), OBJECT),
                ContactStatus.answered(row.getString("status")),
                instant(row, "unsubscribed_at"), instant(row, "created_at"), instant(row, "updated_at"));
    }

    /** Lower-cased tag names of a comma-separated list filter, or null when it names none. */
    static String[] anyTag(String tags) {
        if (tags == null || tags.isBlank()) {
            return null;
        }
        // Any of the listed tags, as Migma's list filter reads a comma-separated list.
        return Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .map(t -> t.toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    static String searchPattern(String search) {
        return search == null || search.isBlank() ? null : SqlValues.containing(search.strip());
    }
}
