package ai.migma.gateway.apikey;

import static ai.migma.gateway.SqlValues.instant;

import ai.migma.gateway.AfterCommit;
import ai.migma.gateway.CacheProperties;
import ai.migma.gateway.cache.CacheEvents;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds keys by hash, through a bounded cache so that a warm request runs no SQL. Hashes that no key has are
 * remembered apart, in a smaller cache of their own and for a minute, so that a client repeating an unknown key
 * costs one query a minute rather than one a request, and made-up keys cannot push real ones out of the first cache.
 * A key created with a remembered hash (a bootstrap key tried before it was installed) is evicted from both, here
 * and on every instance, like any change to a key. A miss reads the row with plain
 * JDBC rather than through JPA: a managed entity and its query cost a cold request about 40 KB of garbage, and the
 * young-generation pauses that followed set the cold-lookup tail (docs/PERFORMANCE.md).
 */
@Component
final class ApiKeyDirectory implements ApiKeyLookup {

    private final LoadingCache<KeyHash, ApiKeySnapshot> cache;
    private final Function<KeyHash, ApiKeySnapshot> query;
    private final Cache<KeyHash, Boolean> unknown = Caffeine.newBuilder().maximumSize(UNKNOWN_MAX_SIZE)
            .expireAfterWrite(UNKNOWN_FOR).build();
    private final CacheEvents events;

    /** About 1.5 MB at most; a client sending more distinct unknown keys than this is stopped by its failure budget. */
    private static final int UNKNOWN_MAX_SIZE = 10_000;
    /** How long a hash stays unknown at most, should a key with it be created while the eviction is in flight. */
    private static final Duration UNKNOWN_FOR = Duration.ofMinutes(1);

    static final String TOPIC = "key";

    /**
     * Histogram bounds of {@code migma.apikey.loads}: cumulative counts per bound, so a benchmark reads the share of
     * cold lookups within 2 ms over exactly its own window (bench/cold-lookup.sh).
     */
    private static final Duration[] LOAD_BUCKETS = {Duration.ofNanos(250_000), Duration.ofNanos(500_000),
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(50)};

    /** Only what authentication needs, read with plain JDBC (see the class comment). */
    private static final String FIND_BY_HASH = """
            select key_id, account_id, environment, permissions, rate_limit_per_minute, expires_at, revoked_at,
                updated_at
            from api_keys where key_hash = ?
            """;

    ApiKeyDirectory(JdbcTemplate jdbc, CacheProperties properties, CacheEvents events, MeterRegistry meters) {
        Timer loads = Timer.builder("migma.apikey.loads")
                .description("Cold lookups: a key read from PostgreSQL on a cache miss, connection included")
                .serviceLevelObjectives(LOAD_BUCKETS)
                .register(meters);
        // JdbcTemplate with a setter and an extractor rather than JdbcClient: the same connection handling and
        // exception translation, without a parameter source, a result list and an Optional on every cold request.
        this.query = hash -> loads.record(() -> jdbc.query(FIND_BY_HASH,
                statement -> statement.setBytes(1, hash.bytes()), row -> row.next() ? snapshot(row) : null));
        this.cache = properties.newCache(query::apply);
        CaffeineCacheMetrics.monitor(meters, cache, "apiKeys");
        this.events = events;
        events.subscribe(TOPIC, hex -> evict(HexFormat.of().parseHex(hex)), () -> {
            cache.invalidateAll();
            unknown.invalidateAll();
        });
    }

    @Override
    public ApiKeySnapshot cached(byte[] hash) {
        return cache.getIfPresent(new KeyHash(hash));
    }

    /** Whether {@code hash} was looked up within the last minute and no key had it. */
    @Override
    public boolean knownUnknown(byte[] hash) {
        return unknown.getIfPresent(new KeyHash(hash)) != null;
    }

    /**
     * The key whose SHA-256 is {@code hash}, or {@code null}, from the database unless cached; revoked and expired
     * keys are returned as they are. A hash found unknown is remembered ({@link #knownUnknown}), which the caller
     * asks first.
     */
    @Override
    public ApiKeySnapshot find(byte[] hash, Runnable beforeQuery) {
        KeyHash key = new KeyHash(hash);
        // Caffeine runs one mapping at a time per hash, the others wait for its value; it does not store a null, the
        // unknown cache keeps those. A refresh of a held key reloads through the plain query, never paid for.
        ApiKeySnapshot snapshot = cache.get(key, missing -> {
            beforeQuery.run();
            return query.apply(missing);
        });
        if (snapshot == null) {
            unknown.put(key, Boolean.TRUE);
        }
        return snapshot;
    }

    /** The key with {@code hash} was created or changed: its cached copies go, here on commit and everywhere. */
    void changed(byte[] hash) {
        AfterCommit.run(() -> evict(hash));
        events.publish(TOPIC, HexFormat.of().formatHex(hash));
    }

    /** Columns by position, in the order of {@link #FIND_BY_HASH}. */
    private static ApiKeySnapshot snapshot(ResultSet row) throws SQLException {
        String[] scopes = (String[]) row.getArray(4).getArray();
        return new ApiKeySnapshot(row.getString(1), row.getObject(2, UUID.class),
                KeyEnvironment.fromWireName(row.getString(3)), ApiKey.permissionsOf(scopes),
                row.getObject(5, Integer.class), instant(row, 6), instant(row, 7), instant(row, 8));
    }

    void evict(byte[] hash) {
        KeyHash key = new KeyHash(hash);
        cache.invalidate(key);
        unknown.invalidate(key);
    }

    private record KeyHash(byte[] bytes) {

        @Override
        public boolean equals(Object other) {
            return other instanceof KeyHash that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "KeyHash";
        }
    }
}
