package ai.migma.gateway.usage;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes drained counts in two batched statements, in one transaction: all of a flush lands, or none of it. */
@Component
final class UsageWriter {

    private static final String ADD_USAGE = """
            insert into api_key_usage (key_id, minute, success, client_errors, forbidden, rate_limited, server_errors)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (key_id, minute) do update set
                success = api_key_usage.success + excluded.success,
                client_errors = api_key_usage.client_errors + excluded.client_errors,
                forbidden = api_key_usage.forbidden + excluded.forbidden,
                rate_limited = api_key_usage.rate_limited + excluded.rate_limited,
                server_errors = api_key_usage.server_errors + excluded.server_errors
            """;

    private static final String TOUCH_KEY = """
            update api_keys set total_requests = total_requests + ?,
                last_used_at = greatest(coalesce(last_used_at, ?), ?)
            where key_id = ?
            """;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    UsageWriter(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    void write(List<UsageRow> rows) {
        List<Object[]> usage = new ArrayList<>(rows.size());
        Map<String, long[]> perKey = new HashMap<>();
        for (UsageRow row : rows) {
            long[] c = row.counts();
            usage.add(new Object[] {row.keyId(), new Timestamp(row.minute() * 60_000), c[0], c[1], c[2], c[3], c[4]});
            long[] key = perKey.computeIfAbsent(row.keyId(), k -> new long[2]);
            key[0] += row.total();
            key[1] = Math.max(key[1], row.lastUsedMillis());
        }
        List<Object[]> touches = new ArrayList<>(perKey.size());
        perKey.forEach((keyId, key) -> {
            Timestamp lastUsed = new Timestamp(key[1]);
            touches.add(new Object[] {key[0], lastUsed, lastUsed, keyId});
        });
        transaction.executeWithoutResult(status -> {
            jdbc.batchUpdate(ADD_USAGE, usage);
            jdbc.batchUpdate(TOUCH_KEY, touches);
        });
    }
}
