package ai.migma.gateway.usage;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads of the usage table: one key's series by period, and daily totals of many keys for sparklines. */
@Service
public class UsageSeries {

    private final JdbcClient jdbc;

    UsageSeries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Requests of one key in {@code [from, to)} by period ({@code minute}, {@code hour} or {@code day}, UTC). */
    public List<UsagePoint> series(String keyId, Instant from, Instant to, String unit) {
        return jdbc.sql("""
                        select date_trunc(:unit, minute, 'UTC') as start,
                               sum(success) as success, sum(client_errors) as client_errors,
                               sum(forbidden) as forbidden, sum(rate_limited) as rate_limited,
                               sum(server_errors) as server_errors
                        from api_key_usage
                        where key_id = :key and minute >= :from and minute < :to
                        group by 1 order by 1
                        """)
                .param("unit", unit).param("key", keyId)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((row, n) -> {
                    long success = row.getLong("success");
                    long clientErrors = row.getLong("client_errors");
                    long forbidden = row.getLong("forbidden");
                    long rateLimited = row.getLong("rate_limited");
                    long serverErrors = row.getLong("server_errors");
                    return new UsagePoint(row.getTimestamp("start").toInstant(),
                            success + clientErrors + forbidden + rateLimited + serverErrors, success, clientErrors,
                            forbidden, rateLimited, serverErrors);
                }).list();
    }

    /** Requests per UTC day of each key, for the {@code days} days ending with {@code lastDay}, oldest first. */
    public Map<String, long[]> dailyRequests(Collection<String> keyIds, LocalDate lastDay, int days) {
        Map<String, long[]> totals = new HashMap<>();
        if (keyIds.isEmpty()) {
            return totals;
        }
        LocalDate firstDay = lastDay.minusDays(days - 1L);
        jdbc.sql("""
                        select key_id, (date_trunc('day', minute, 'UTC') at time zone 'UTC')::date as day,
                               sum(success + client_errors + forbidden + rate_limited + server_errors) as requests
                        from api_key_usage
                        where key_id = any(:keys) and minute >= :from and minute < :to
                        group by 1, 2
                        """)
                .param("keys", keyIds.toArray(String[]::new))
                .param("from", Timestamp.from(firstDay.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .param("to", Timestamp.from(lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query(row -> {
                    int index = (int) (row.getObject("day", LocalDate.class).toEpochDay() - firstDay.toEpochDay());
                    totals.computeIfAbsent(row.getString("key_id"), k -> new long[days])[index] =
                            row.getLong("requests");
                });
        return totals;
    }
}
