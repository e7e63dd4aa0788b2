package ai.migma.gateway.domains;

import ai.migma.gateway.web.ApiException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * An account's sending domains. A custom domain is asked for the records of {@link DnsRecords} and is verified when
 * DNS holds them all; a managed one ({@code <prefix>.<managed parent>}) lives in Migma's own zone, so it is verified
 * from the start and its prefix is given out once across accounts. Custom domains are the account's own business:
 * two accounts may add the same one, each asked for its own DKIM key, and whichever DNS publishes is verified.
 */
@Service
class DomainService {

    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");
    private static final String DEFAULT_REGION = "us-east-1";
    private static final String COLUMNS = "id, account_id, domain, managed, region, status, record_statuses, "
            + "open_tracking, click_tracking, branded_tracking, verified_at, checked_at, created_at, updated_at";
    private static final TypeReference<Map<String, String>> STATUSES = new TypeReference<>() {
    };

    /** The SDK's {@code DnsRecord}; {@code priority} only for the MX record. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DnsRecordView(String type, String name, String value, Integer priority, String status) {
    }

    record TrackingSettings(boolean openTracking, boolean clickTracking, boolean brandedTracking) {
    }

    /** The SDK's {@code Domain}, with its id, whether it is managed, and when it was verified and last checked. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DomainView(String id, String domain, String region, String status,
            @JsonProperty("isVerified") boolean isVerified, boolean managed, List<DnsRecordView> dnsRecords,
            TrackingSettings trackingSettings, Instant verifiedAt, Instant lastCheckedAt, Instant createdAt,
            Instant updatedAt) {
    }

    /** The SDK's {@code DomainVerificationResult}. */
    record VerificationView(String domain, String status, @JsonProperty("isVerified") boolean isVerified,
            List<DnsRecordView> dnsRecords, Instant checkedAt) {
    }

    /** The SDK's {@code DomainDeleteResponse}. */
    record DeletedView(String domain, boolean deleted) {
    }

    /** The SDK's {@code DomainAvailability}, with the domain the prefix would make. */
    record AvailabilityView(boolean available, String prefix, String domain) {
    }

    private record Row(UUID id, UUID accountId, String domain, boolean managed, String region, String status,
            Map<String, String> recordStatuses, TrackingSettings tracking, Instant verifiedAt, Instant checkedAt,
            Instant createdAt, Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final DomainProperties properties;
    private final DnsRecords records;
    private final DomainVerifier verifier;
    private final JsonMapper json;
    private final Clock clock;

    DomainService(JdbcClient jdbc, DomainProperties properties, DomainVerifier verifier, JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.records = new DnsRecords(properties);
        this.verifier = verifier;
        this.json = json;
        this.clock = clock;
    }

    /** The account's custom domains (or managed ones), oldest first. */
    @Transactional(readOnly = true)
    public List<DomainView> list(UUID accountId, boolean managed) {
        return jdbc.sql("select " + COLUMNS + " from domains where account_id = ? and managed = ? "
                        + "order by created_at, domain")
                .params(accountId, managed).query(this::row).list().stream().map(this::view).toList();
    }

    @Transactional
    public DomainView create(UUID accountId, String domain, String region) {
        String name = DomainNames.requireDomain(domain, properties.managedParent());
        return insert(accountId, name, false, region(region), "A domain with this name already exists in this "
                + "account");
    }

    @Transactional
    public DomainView createManaged(UUID accountId, String prefix, String region) {
        String label = DomainNames.requirePrefix(prefix, properties.reservedPrefixes());
        String checkedRegion = region(region);
        return insert(accountId, label + "." + properties.managedParent(), true, checkedRegion,
                "This prefix is already taken");
    }

    @Transactional(readOnly = true)
    public DomainView get(UUID accountId, String domain) {
        return view(require(accountId, domain));
    }

    @Transactional(readOnly = true)
    public AvailabilityView availability(String prefix) {
        String label = DomainNames.requirePrefix(prefix, properties.reservedPrefixes());
        String domain = label + "." + properties.managedParent();
        boolean taken = jdbc.sql("select exists (select 1 from domains where domain = ? and managed)").param(domain)
                .query(Boolean.class).single();
        return new AvailabilityView(!taken, label, domain);
    }

    /**
     * Looks the domain's records up and stores what was found. Not in a transaction: the lookups may take up to the
     * verify timeout and hold no connection meanwhile. A lookup that finds nothing is no evidence against a record
     * once verified (DNS may simply not answer here), so only a record found different takes a verified one back.
     */
    public VerificationView verify(UUID accountId, String domain) {
        Row row = require(accountId, domain);
        List<DnsRecords.Expected> expected = records.of(row.accountId(), row.domain(), row.region());
        Map<String, String> statuses = new LinkedHashMap<>();
        if (row.managed()) {
            expected.forEach(record -> statuses.put(record.key(), DomainVerifier.VERIFIED));
        } else {
            verifier.verify(expected).forEach((key, found) -> statuses.put(key, found.equals(DomainVerifier.PENDING)
                    && DomainVerifier.VERIFIED.equals(row.recordStatuses().get(key)) ? DomainVerifier.VERIFIED
                    : found));
        }
        String status = DomainVerifier.overall(statuses);
        Instant now = clock.instant();
        Instant verifiedAt = !status.equals(DomainVerifier.VERIFIED) ? null
                : row.verifiedAt() != null ? row.verifiedAt() : now;
        Row after = jdbc.sql("update domains set status = ?, record_statuses = ?::jsonb, verified_at = ?, "
                        + "checked_at = ?, updated_at = ? where id = ? returning " + COLUMNS)
                .params(status, json.writeValueAsString(statuses), verifiedAt == null ? null
                        : Timestamp.from(verifiedAt), Timestamp.from(now), Timestamp.from(now), row.id())
                .query(this::row).optional().orElseThrow(() -> ApiException.notFound("Domain"));
        DomainView view = view(after);
        return new VerificationView(view.domain(), view.status(), view.isVerified(), view.dnsRecords(), now);
    }

    /** Sets the tracking settings that are given; the others stay as they are. */
    @Transactional
    public DomainView update(UUID accountId, String domain, Boolean openTracking, Boolean clickTracking,
            Boolean brandedTracking) {
        Row row = require(accountId, domain);
        return view(jdbc.sql("update domains set open_tracking = coalesce(?, open_tracking), "
                        + "click_tracking = coalesce(?, click_tracking), "
                        + "branded_tracking = coalesce(?, branded_tracking), updated_at = ? where id = ? returning "
                        + COLUMNS)
                .params(openTracking, clickTracking, brandedTracking, Timestamp.from(clock.instant()), row.id())
                .query(this::row).single());
    }

    /** Removes a custom domain ({@code managed} false) or a managed one; the other kind is named its own route. */
    @Transactional
    public DeletedView remove(UUID accountId, String domain, boolean managed) {
        Row row = require(accountId, domain);
        if (row.managed() != managed) {
            throw ApiException.invalid(row.domain() + (row.managed()
                    ? " is a managed domain: remove it with DELETE /v1/domains/managed/{domain}"
                    : " is a custom domain: remove it with DELETE /v1/domains/{domain}"));
        }
        jdbc.sql("delete from domains where id = ?").param(row.id()).update();
        return new DeletedView(row.domain(), true);
    }

    private DomainView insert(UUID accountId, String domain, boolean managed, String region, String taken) {
        Instant now = clock.instant();
        // A managed domain's records are Migma's own: published, so verified, from the start.
        List<Row> created = jdbc.sql("insert into domains (id, account_id, domain, managed, region, status, "
                        + "verified_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict do nothing returning " + COLUMNS)
                .params(UUID.randomUUID(), accountId, domain, managed, region,
                        managed ? DomainVerifier.VERIFIED : DomainVerifier.PENDING,
                        managed ? Timestamp.from(now) : null, Timestamp.from(now), Timestamp.from(now))
                .query(this::row).list();
        if (created.isEmpty()) {
            throw ApiException.conflict(taken);
        }
        return view(created.get(0));
    }

    /** The account's domain of this name; another account's, or a name that is no domain, is not found. */
    private Row require(UUID accountId, String domain) {
        String name = DomainNames.pathDomain(domain).orElseThrow(() -> ApiException.notFound("Domain"));
        return jdbc.sql("select " + COLUMNS + " from domains where account_id = ? and domain = ?")
                .params(accountId, name).query(this::row).optional()
                .orElseThrow(() -> ApiException.notFound("Domain"));
    }

    private static String region(String region) {
        if (region == null) {
            return DEFAULT_REGION;
        }
        if (!REGIONS.contains(region)) {
            throw ApiException.invalid("region must be one of " + String.join(", ", REGIONS));
        }
        return region;
    }

    private DomainView view(Row row) {
        List<DnsRecordView> dns = records.of(row.accountId(), row.domain(), row.region()).stream()
                .map(record -> new DnsRecordView(record.type(), record.name(), record.value(), record.priority(),
                        row.managed() ? DomainVerifier.VERIFIED
                                : row.recordStatuses().getOrDefault(record.key(), DomainVerifier.PENDING)))
                .toList();
        return new DomainView(row.id().toString(), row.domain(), row.region(), row.status(),
                row.status().equals(DomainVerifier.VERIFIED), row.managed(), dns, row.tracking(), row.verifiedAt(),
                row.checkedAt(), row.createdAt(), row.updatedAt());
    }

    private Row row(ResultSet row, int n) throws SQLException {
        return new Row(row.getObject("id", UUID.class), row.getObject("account_id", UUID.class),
                row.getString("domain"), row.getBoolean("managed"), row.getString("region"), row.getString("status"),
                json.readValue(row.getString("record_statuses"), STATUSES),
                new TrackingSettings(row.getBoolean("open_tracking"), row.getBoolean("click_tracking"),
                        row.getBoolean("branded_tracking")),
                instant(row.getTimestamp("verified_at")), instant(row.getTimestamp("checked_at")),
                row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
