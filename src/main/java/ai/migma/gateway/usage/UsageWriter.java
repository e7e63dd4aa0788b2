package ai.migma.gateway.usage;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes drained counts in one transaction, all of a flush or none of it, as a few set-based statements: the rows
 * travel as arrays and PostgreSQL unnests them, so a flush of 100,000 active keys is a handful of statements
 * rather than 200,000 (one upsert per key and minute, one update per key), which on a shared machine took the CPU
 * that key lookups needed. Rows go in key order: instances flushing the same keys at once then lock their rows in the
 * same order, one waiting for the other instead of deadlocking (which fails one flush after a second's wait), and
 * the inserts walk the indexes in order (a fifth faster at 12,500 rows in a trial).
 */
@Component
final class UsageWriter {

    /** Rows per statement: large enough to amortise a round trip, small enough for the statement timeout. */
    static final int CHUNK = 5_000;

    private static final String ADD_USAGE = """
            insert into api_key_usage (key_id, minute, success, client_errors, forbidden, rate_limited, server_errors)
            select * from unnest(?::varchar[], ?::timestamptz[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                ?::bigint[])
            on conflict (key_id, minute) do update set
                success = api_key_usage.success + excluded.success,
                client_errors = api_key_usage.client_errors + excluded.client_errors,
                forbidden = api_key_usage.forbidden + excluded.forbidden,
                rate_limited = api_key_usage.rate_limited + excluded.rate_limited,
                server_errors = api_key_usage.server_errors + excluded.server_errors
            """;

    /** Into the narrow activity table, never api_keys itself: see V5__key_activity_apart_from_keys.sql. */
    private static final String TOUCH_KEYS = """
            insert into api_key_activity (key_id, total_requests, last_used_at)
            select * from unnest(?::varchar[], ?::bigint[], ?::timestamptz[])
            on conflict (key_id) do update set
                total_requests = api_key_activity.total_requests + excluded.total_requests,
                last_used_at = greatest(api_key_activity.last_used_at, excluded.last_used_at)
            """;

    private static final Comparator<UsageRow> IN_KEY_ORDER = Comparator.comparing(UsageRow::keyId)
            .thenComparingLong(UsageRow::minute);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    UsageWriter(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    void write(List<UsageRow> unordered) {
        List<UsageRow> rows = new ArrayList<>(unordered);
        rows.sort(IN_KEY_ORDER);
        Map<String, long[]> perKey = new LinkedHashMap<>(); // in the rows' order, so in key order too
        for (UsageRow row : rows) {
            long[] key = perKey.computeIfAbsent(row.keyId(), k -> new long[2]);
            key[0] += row.total();
            key[1] = Math.max(key[1], row.lastUsedMillis());
        }
        List<Map.Entry<String, long[]>> keys = new ArrayList<>(perKey.entrySet());
        transaction.executeWithoutResult(status -> {
            for (int from = 0; from < rows.size(); from += CHUNK) {
                addUsage(rows.subList(from, Math.min(rows.size(), from + CHUNK)));
            }
            for (int from = 0; from < keys.size(); from += CHUNK) {
                touchKeys(keys.subList(from, Math.min(keys.size(), from + CHUNK)));
            }
        });
    }

    private void addUsage(List<UsageRow> rows) {
        int n = rows.size();
        String[] keyIds = new String[n];
        Timestamp[] minutes = new Timestamp[n];
        Long[][] counts = new Long[Outcome.values().length][n];
        for (int i = 0; i < n; i++) {
            UsageRow row = rows.get(i);
            keyIds[i] = row.keyId();
            minutes[i] = new Timestamp(row.minute() * 60_000);
            for (int c = 0; c < counts.length; c++) {
                counts[c][i] = row.counts()[c];
            }
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(ADD_USAGE);
            statement.setArray(1, connection.createArrayOf("varchar", keyIds));
            statement.setArray(2, connection.createArrayOf("timestamptz", minutes));
            for (int c = 0; c < counts.length; c++) {
                statement.setArray(3 + c, connection.createArrayOf("bigint", counts[c]));
            }
            return statement;
        });
    }

    private void touchKeys(List<Map.Entry<String, long[]>> keys) {
        int n = keys.size();
        String[] keyIds = new String[n];
        Long[] totals = new Long[n];
        Timestamp[] lastUsed = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            keyIds[i] = keys.get(i).getKey();
            totals[i] = keys.get(i).getValue()[0];
            lastUsed[i] = new Timestamp(keys.get(i).getValue()[1]);
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(TOUCH_KEYS);
            statement.setArray(1, connection.createArrayOf("varchar", keyIds));
            statement.setArray(2, connection.createArrayOf("bigint", totals));
            statement.setArray(3, connection.createArrayOf("timestamptz", lastUsed));
            return statement;
        });
    }
}
