package ai.migma.gateway.webhooks;

import static ai.migma.gateway.SqlValues.instant;
import static ai.migma.gateway.SqlValues.strings;

import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import ai.migma.gateway.web.PathIds;
import ai.migma.gateway.web.Pagination;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Webhooks of an account (Migma's SDK names no project for them), their secrets, tests and delivery records. */
@Service
public class WebhookService {

    static final int MAX_PER_ACCOUNT = 25;
    private static final int MAX_DESCRIPTION = 500;
    private static final String COLUMNS = "id, url, events, active, secret, description, custom_headers, "
            + "success_count, failure_count, last_triggered_at, created_at, updated_at";

    /**
     * The SDK's {@code WebhookDetail}, the signing secret included as it declares (a key that may read webhooks may
     * verify their deliveries); {@code customHeaders} and {@code lastTriggeredAt} are absent when there are none.
     */
    public record WebhookView(String id, String url, List<String> events, boolean active, String secret,
            boolean secretConfigured, String description,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> customHeaders, long successCount,
            long failureCount, @JsonInclude(JsonInclude.Include.NON_NULL) Instant lastTriggeredAt, Instant createdAt,
            Instant updatedAt) {
    }

    /** The SDK's {@code Webhook}: the create response. */
    public record CreatedWebhook(String id, String url, List<String> events, boolean active, String secret,
            boolean secretConfigured, String description,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> customHeaders, Instant createdAt) {
    }

    /** {@code GET /v1/webhooks/stats}: the account's webhooks and their deliveries, counted. */
    public record WebhookStats(long totalWebhooks, long activeWebhooks, long inactiveWebhooks, long totalDeliveries,
            long succeededDeliveries, long failedDeliveries, long pendingDeliveries, double successRate,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant lastTriggeredAt, Map<String, Long> eventCounts) {
    }

    public record WebhookList(List<WebhookView> webhooks, long total) {
    }

    public record DeliveryView(String id, String eventId, String eventType, String status, int attempts,
            Instant lastAttemptAt, Map<String, Object> response, Instant createdAt) {
    }

    public record DeliveryList(List<DeliveryView> deliveries, long total) {
    }

    public record TestResult(boolean success, Integer statusCode, long responseTime, String error) {
    }

    private final JdbcClient jdbc;
    private final WebhookUrlPolicy urls;
    private final WebhookSender sender;
    private final WebhookDispatcher dispatcher;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final SecureRandom random = new SecureRandom();

    WebhookService(JdbcClient jdbc, WebhookUrlPolicy urls, WebhookSender sender, WebhookDispatcher dispatcher,
            JsonMapper json, Clock clock, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.urls = urls;
        this.sender = sender;
        this.dispatcher = dispatcher;
        this.json = json;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * The URL is checked (which resolves its host) before the transaction starts: a slow DNS answer must not hold a
     * database connection.
     */
    public CreatedWebhook create(UUID accountId, String url, List<String> events, String description,
            Boolean active, Map<String, String> customHeaders) {
        String checkedUrl = urls.check(url).toString();
        List<String> checkedEvents = checkEvents(events);
        String checkedDescription = Fields.textOrEmpty("description", description, MAX_DESCRIPTION);
        Map<String, String> headers = customHeaders == null ? Map.of() : CustomHeaders.check(customHeaders);
        return transactions.execute(status -> insert(accountId, checkedUrl, checkedEvents, checkedDescription,
                active == null || active, headers));
    }

    private CreatedWebhook insert(UUID accountId, String checkedUrl, List<String> checkedEvents,
            String checkedDescription, boolean isActive, Map<String, String> headers) {
        // Taken under the account's row lock, so racing creates cannot pass the cap together.
        jdbc.sql("select id from accounts where id = ? for update").param(accountId).query().singleRow();
        long count = jdbc.sql("select count(*) from webhooks where account_id = ?").param(accountId)
                .query(Long.class).single();
        if (count >= MAX_PER_ACCOUNT) {
            throw ApiException.invalid("an account can have at most " + MAX_PER_ACCOUNT + " webhooks");
        }
        UUID id = UUID.randomUUID();
        String secret = newSecret();
        Instant now = clock.instant();
        jdbc.sql("insert into webhooks (id, account_id, url, events, active, secret, description, custom_headers, "
                        + "created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)")
                .params(id, accountId, checkedUrl, checkedEvents.toArray(String[]::new), isActive, secret,
                        checkedDescription, json.writeValueAsString(headers), Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        return new CreatedWebhook(id.toString(), checkedUrl, checkedEvents, isActive, secret, true,
                checkedDescription, headers, now);
    }

    @Transactional(readOnly = true)
    public WebhookList list(UUID accountId) {
        List<WebhookView> webhooks = jdbc.sql("select " + COLUMNS + " from webhooks where account_id = ? "
                + "order by created_at, id").param(accountId).query(this::view).list();
        return new WebhookList(webhooks, webhooks.size());
    }

    @Transactional(readOnly = true)
    public WebhookView get(UUID accountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from webhooks where id = ? and account_id = ?")
                .params(PathIds.uuid(id, "Webhook"), accountId).query(this::view).optional()
                .orElseThrow(() -> ApiException.notFound("Webhook"));
    }

    /**
     * Applies the fields that are given ({@code customHeaders} replaces the whole set; {@code {}} clears it); the
     * secret never changes (delete and create again to rotate it).
     */
    public void update(UUID accountId, String id, String url, List<String> events, Boolean active,
            String description, Map<String, String> customHeaders) {
        UUID webhookId = requireOwned(accountId, id);
        String checkedUrl = url == null ? null : urls.check(url).toString();
        String[] checkedEvents = events == null ? null : checkEvents(events).toArray(String[]::new);
        String checkedDescription = Fields.optionalText("description", description, MAX_DESCRIPTION);
        Map<String, String> headers = CustomHeaders.check(customHeaders);
        int updated = jdbc.sql("update webhooks set url = coalesce(?, url), events = coalesce(?, events), "
                        + "active = coalesce(?, active), description = coalesce(?, description), "
                        + "custom_headers = coalesce(?::jsonb, custom_headers), updated_at = ? where id = ?")
                .params(checkedUrl, checkedEvents, active, checkedDescription,
                        headers == null ? null : json.writeValueAsString(headers), Timestamp.from(clock.instant()),
                        webhookId)
                .update();
        if (updated == 0) {
            throw ApiException.notFound("Webhook"); // deleted in between
        }
    }

    /** Deletes the webhook with its delivery records; deliveries still pending are not sent. */
    @Transactional
    public void delete(UUID accountId, String id) {
        jdbc.sql("delete from webhooks where id = ?").param(requireOwned(accountId, id)).update();
    }

    @Transactional(readOnly = true)
    public DeliveryList deliveries(UUID accountId, String id, int limit) {
        if (limit < 1 || limit > Pagination.MAX_LIMIT) {
            throw ApiException.invalid("limit must be between 1 and " + Pagination.MAX_LIMIT);
        }
        UUID webhookId = requireOwned(accountId, id);
        long total = jdbc.sql("select count(*) from webhook_deliveries where webhook_id = ?").param(webhookId)
                .query(Long.class).single();
        List<DeliveryView> deliveries = jdbc.sql("select id, event_id, event_type, status, attempts, "
                        + "last_attempt_at, response_status, response_body, error, created_at from webhook_deliveries "
                        + "where webhook_id = ? order by created_at desc, id limit ?")
                .params(webhookId, limit).query(WebhookService::delivery).list();
        return new DeliveryList(deliveries, total);
    }

    /**
     * Sends a {@code webhook.test} event now and answers with how the receiver took it; recorded as a delivery,
     * never retried. Runs outside a transaction: no connection is held while the receiver thinks.
     */
    @Transactional(propagation = Propagation.NEVER)
    public TestResult test(UUID accountId, String id) {
        UUID webhookId = requireOwned(accountId, id);
        String[] target = jdbc.sql("select url, secret, custom_headers from webhooks where id = ?").param(webhookId)
                .query((row, n) -> new String[] {row.getString("url"), row.getString("secret"),
                        row.getString("custom_headers")}).single();
        Instant now = clock.instant();
        UUID deliveryId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String payload = json.writeValueAsString(new WebhookPublisher.Payload(WebhookEvents.TEST,
                Map.of("webhookId", webhookId.toString(), "message", "This is a test event from Migma Gateway"),
                now));
        jdbc.sql("insert into webhook_deliveries (id, webhook_id, event_id, event_type, payload, status, attempts, "
                        + "last_attempt_at, created_at) values (?, ?, ?, ?, ?, 'pending', 1, ?, ?)")
                .params(deliveryId, webhookId, eventId, WebhookEvents.TEST, payload, Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        WebhookSender.Attempt attempt = sender.send(target[0], target[1],
                json.readValue(target[2], WebhookDispatcher.HEADERS), eventId, WebhookEvents.TEST, payload);
        dispatcher.record(deliveryId, webhookId, attempt, attempt.delivered() ? "succeeded" : "failed", null,
                clock.instant());
        return new TestResult(attempt.delivered(), attempt.status(), attempt.millis(), attempt.error());
    }

    @Transactional(readOnly = true)
    public WebhookStats stats(UUID accountId) {
        return jdbc.sql("""
                select count(*) as total, count(*) filter (where active) as active,
                       max(last_triggered_at) as last_triggered_at,
                       (select count(*) from webhook_deliveries d join webhooks x on x.id = d.webhook_id
                         where x.account_id = :account) as deliveries,
                       (select count(*) from webhook_deliveries d join webhooks x on x.id = d.webhook_id
                         where x.account_id = :account and d.status = 'succeeded') as succeeded,
                       (select count(*) from webhook_deliveries d join webhooks x on x.id = d.webhook_id
                         where x.account_id = :account and d.status = 'failed') as failed
                  from webhooks w where w.account_id = :account
                """)
                .param("account", accountId)
                .query((row, n) -> {
                    long deliveries = row.getLong("deliveries");
                    long succeeded = row.getLong("succeeded");
                    long failed = row.getLong("failed");
                    long ended = succeeded + failed;
                    return new WebhookStats(row.getLong("total"), row.getLong("active"),
                            row.getLong("total") - row.getLong("active"), deliveries, succeeded, failed,
                            deliveries - ended, ended == 0 ? 0 : Math.round(1000.0 * succeeded / ended) / 10.0,
                            instant(row, "last_triggered_at"), eventCounts(accountId));
                })
                .single();
    }

    /** Deliveries per event type, the types with none left out. */
    private Map<String, Long> eventCounts(UUID accountId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("select d.event_type, count(*) as n from webhook_deliveries d join webhooks w on w.id = d.webhook_id "
                        + "where w.account_id = ? group by d.event_type order by d.event_type")
                .param(accountId)
                .query((row, n) -> counts.put(row.getString("event_type"), row.getLong("n"))).list();
        return counts;
    }

    private UUID requireOwned(UUID accountId, String id) {
        UUID webhookId = PathIds.uuid(id, "Webhook");
        boolean owned = jdbc.sql("select exists (select 1 from webhooks where id = ? and account_id = ?)")
                .params(webhookId, accountId).query(Boolean.class).single();
        if (!owned) {
            throw ApiException.notFound("Webhook");
        }
        return webhookId;
    }

    private static List<String> checkEvents(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw ApiException.invalid("events must name at least one event");
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String event : events) {
            if (event == null || !WebhookEvents.exists(event)) {
                // Event names are not secrets, but an arbitrary string echoed back is never useful: say where.
                throw ApiException.invalid("events[" + checked.size() + "] is not a Migma event; "
                        + "GET /v1/webhooks/events lists them");
            }
            checked.add(event);
        }
        return List.copyOf(checked);
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private WebhookView view(ResultSet row, int n) throws SQLException {
        return new WebhookView(row.getString("id"), row.getString("url"), strings(row.getArray("events")),
                row.getBoolean("active"), row.getString("secret"), true, row.getString("description"),
                json.readValue(row.getString("custom_headers"), WebhookDispatcher.HEADERS),
                row.getLong("success_count"), row.getLong("failure_count"), instant(row, "last_triggered_at"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static DeliveryView delivery(ResultSet row, int n) throws SQLException {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", row.getObject("response_status", Integer.class));
        response.put("body", row.getString("response_body"));
        response.put("error", row.getString("error"));
        return new DeliveryView(row.getString("id"), row.getString("event_id"), row.getString("event_type"),
                row.getString("status"), row.getInt("attempts"), instant(row, "last_attempt_at"), response,
                instant(row, "created_at"));
    }
}
