package ai.migma.gateway.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Who did what to which account or key, written in the transaction of the change it describes, so an entry exists
 * exactly when the change does. The actor is the caller's authentication name (the admin token's fingerprint,
 * never the token) or {@code system} for work done at startup. Keys appear by id, never by text.
 */
@Service
public final class AuditLog {

    public static final int MAX_LIMIT = 500;

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String action, UUID accountId, String keyId, String details) {
        jdbc.sql("insert into audit_events (occurred_at, actor, action, account_id, key_id, details) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), currentActor(), action, accountId, keyId, details)
                .update();
    }

    /** The newest {@code limit} events, of one account when {@code accountId} is given. */
    public List<AuditEvent> list(UUID accountId, int limit) {
        String where = accountId == null ? "" : "where account_id = :account ";
        JdbcClient.StatementSpec query = jdbc.sql("select id, occurred_at, actor, action, account_id, key_id, details "
                + "from audit_events " + where + "order by occurred_at desc, id desc limit :limit")
                .param("limit", limit);
        if (accountId != null) {
            query = query.param("account", accountId);
        }
        return query.query((row, n) -> new AuditEvent(row.getLong("id"), row.getTimestamp("occurred_at").toInstant(),
                row.getString("actor"), row.getString("action"), row.getObject("account_id", UUID.class),
                row.getString("key_id"), row.getString("details"))).list();
    }

    private static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }
}
