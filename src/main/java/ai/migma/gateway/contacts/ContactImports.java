package ai.migma.gateway.contacts;

import static ai.migma.gateway.SqlValues.instant;

import ai.migma.gateway.jobs.Jobs;
import ai.migma.gateway.jobs.TimedWork;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.PathIds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk imports, within the request up to {@link BulkImportProperties#syncLimit} contacts and as a job above it. A
 * job stores the subscribers as sent and imports a chunk per step ({@link Jobs}): the chunk's contacts and the job's
 * progress commit in the runner's one transaction, so a step cut short by a crash or a restart is rolled back whole
 * and run again, and the counts end as a synchronous import of the same list would give them.
 */
@Service
class ContactImports implements TimedWork {

    static final String KIND = "contact-import";
    private static final TypeReference<List<ContactService.ContactInput>> INPUTS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** The SDK's {@code BulkImportAsyncResponse}. */
    record Started(String jobId, String status, int totalContacts, String message) {
    }

    /** The SDK's {@code BulkImportJobStatus}: {@code result}, {@code error} and {@code completedAt} may be null. */
    record JobStatus(String jobId, String status, int totalContacts, int processed, ContactService.BulkResult result,
            String error, Instant createdAt, Instant completedAt) {
    }

    private record Job(UUID accountId, UUID projectId, String status, int total, int processed) {
    }

    private final ContactStore store;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Jobs jobs;
    private final BulkImportProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ContactImports(ContactStore store, JdbcClient jdbc, JsonMapper json, Jobs jobs, BulkImportProperties properties,
            ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.jdbc = jdbc;
        this.json = json;
        this.jobs = jobs;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Imports the list now ({@link ContactService.BulkResult}), or above the synchronous limit starts its job
     * ({@link Started}). The caller has checked the project and the list's size.
     */
    @Transactional
    public Object start(UUID accountId, UUID project, List<ContactService.ContactInput> subscribers) {
        if (subscribers.size() <= properties.syncLimit()) {
            ContactService.BulkResult result = importEach(project, subscribers, 0);
            events.publishEvent(new ContactsImported(accountId, project, result.success(), result.failed(),
                    result.updated()));
            return result;
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into contact_import_jobs (id, account_id, project_id, status, total_contacts, payload, "
                        + "created_at) values (?, ?, ?, 'processing', ?, ?::jsonb, ?)")
                .params(id, accountId, project, subscribers.size(), json.writeValueAsString(subscribers),
                        Timestamp.from(clock.instant()))
                .update();
        jobs.start(KIND, id);
        return new Started(id.toString(), "processing", subscribers.size(), "Importing " + subscribers.size()
                + " contacts in the background; poll GET /v1/contacts/bulk/" + id + " for progress");
    }

    @Transactional(readOnly = true)
    public JobStatus status(UUID accountId, String jobId) {
        UUID id = PathIds.uuid(jobId, "Import job");
        return jdbc.sql("select id, status, total_contacts, processed, added, updated, failed, errors, error, "
                        + "created_at, completed_at from contact_import_jobs where id = ? and account_id = ?")
                .params(id, accountId).query(this::jobStatus).optional()
                .orElseThrow(() -> ApiException.notFound("Import job"));
    }

    /** Imports the next chunk; the job is done once every contact has been through a step. */
    @Override
    @Transactional
    public boolean advance(UUID subject, int step) {
        Optional<Job> found = jdbc.sql("select account_id, project_id, status, total_contacts, processed "
                        + "from contact_import_jobs where id = ? for update")
                .param(subject)
                .query((row, n) -> new Job(row.getObject("account_id", UUID.class),
                        row.getObject("project_id", UUID.class), row.getString("status"),
                        row.getInt("total_contacts"), row.getInt("processed")))
                .optional();
        if (found.isEmpty() || !found.get().status().equals("processing")) {
            return false;
        }
        Job job = found.get();
        int from = job.processed();
        int to = Math.min(job.total(), from + properties.chunkSize());
        String chunk = jdbc.sql("select jsonb_path_query_array(payload, '$[$from to $last]', "
                        + "jsonb_build_object('from', ?::int, 'last', ?::int))::text from contact_import_jobs "
                        + "where id = ?")
                .params(from, to - 1, subject).query(String.class).single();
        ContactService.BulkResult result = importEach(job.projectId(), json.readValue(chunk, INPUTS), from);
        boolean done = to == job.total();
        Timestamp now = Timestamp.from(clock.instant());
        ContactService.BulkResult total = jdbc.sql("update contact_import_jobs set processed = ?, "
                        + "added = added + ?, updated = updated + ?, failed = failed + ?, "
                        + "errors = errors || ?::jsonb, status = case when ? then 'completed' else status end, "
                        + "completed_at = case when ? then ? else completed_at end, "
                        + "payload = case when ? then null else payload end where id = ? "
                        + "returning added, updated, failed")
                .params(to, result.success(), result.updated(), result.failed(),
                        json.writeValueAsString(result.errors()), done, done, now, done, subject)
                .query((row, n) -> new ContactService.BulkResult(row.getInt("added"), row.getInt("failed"),
                        row.getInt("updated"), List.of()))
                .single();
        if (done) {
            events.publishEvent(new ContactsImported(job.accountId(), job.projectId(), total.success(),
                    total.failed(), total.updated()));
        }
        return !done;
    }

    @Override
    @Transactional
    public void abandon(UUID subject, String error) {
        jdbc.sql("update contact_import_jobs set status = 'failed', error = ?, completed_at = ?, payload = null "
                        + "where id = ? and status = 'processing'")
                .params("Import failed: " + error, Timestamp.from(clock.instant()), subject).update();
    }

    /**
     * Upserts by email, in order: a new address is added, a known one (or one earlier in the list) gets the given
     * fields. An invalid entry is counted and described by its place in the whole list ({@code firstIndex} on).
     */
    private ContactService.BulkResult importEach(UUID project, List<ContactService.ContactInput> subscribers,
            int firstIndex) {
        int added = 0;
        int updated = 0;
        List<String> errors = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < subscribers.size(); i++) {
            String prefix = "subscribers[" + (firstIndex + i) + "]";
            CheckedContact contact;
            try {
                ContactService.ContactInput input = subscribers.get(i);
                if (input == null) {
                    throw ApiException.invalid(prefix + " must be an object");
                }
                contact = ContactRules.check(prefix + ".", input, true);
            } catch (ApiException e) {
                errors.add(e.getMessage());
                continue;
            }
            if (store.upsert(project, contact, now)) {
                added++;
            } else {
                updated++;
            }
        }
        return new ContactService.BulkResult(added, errors.size(), updated, errors);
    }

    private JobStatus jobStatus(ResultSet row, int n) throws SQLException {
        String status = row.getString("status");
        ContactService.BulkResult result = status.equals("completed")
                ? new ContactService.BulkResult(row.getInt("added"), row.getInt("failed"), row.getInt("updated"),
                        json.readValue(row.getString("errors"), STRINGS))
                : null;
        return new JobStatus(row.getString("id"), status, row.getInt("total_contacts"), row.getInt("processed"),
                result, row.getString("error"), instant(row, "created_at"), instant(row, "completed_at"));
    }
}
