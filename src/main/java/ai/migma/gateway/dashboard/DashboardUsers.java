package ai.migma.gateway.dashboard;

import ai.migma.gateway.account.AccountService;
import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dashboard users: created by operators (admin API) or at startup, looked up at login. Passwords are kept only as
 * {@link PasswordEncoder} hashes (bcrypt through Spring Security's delegating encoder).
 */
@Service
public class DashboardUsers {

    static final int MIN_PASSWORD = 10;
    /** bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused. */
    static final int MAX_PASSWORD_BYTES = 72;

    public record UserView(UUID id, UUID accountId, String email, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final AccountService accounts;
    private final PasswordEncoder passwords;
    private final Clock clock;

    DashboardUsers(JdbcClient jdbc, AccountService accounts, PasswordEncoder dashboardPasswordEncoder, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.passwords = dashboardPasswordEncoder;
        this.clock = clock;
    }

    @Transactional
    public UserView create(UUID accountId, String email, String password) {
        accounts.requireExists(accountId);
        String checkedEmail = Fields.requireEmail("email", email);
        checkPassword(password);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("insert into dashboard_users (id, account_id, email, password_hash, created_at, updated_at) "
                            + "values (?, ?, ?, ?, ?, ?)")
                    .params(id, accountId, checkedEmail, passwords.encode(password), Timestamp.from(now),
                            Timestamp.from(now))
                    .update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("A dashboard user with this email already exists");
        }
        return new UserView(id, accountId, checkedEmail, now);
    }

    @Transactional(readOnly = true)
    public boolean exists(String email) {
        return jdbc.sql("select exists (select 1 from dashboard_users where email = ?)")
                .param(email.strip().toLowerCase(Locale.ROOT)).query(Boolean.class).single();
    }

    /** The login lookup; not a bean of its own type, so only the dashboard chain authenticates with it. */
    UserDetailsService userDetailsService() {
        return username -> jdbc.sql("select id, account_id, email, password_hash from dashboard_users where email = ?")
                .param(username == null ? "" : username.strip().toLowerCase(Locale.ROOT))
                .query((row, n) -> new DashboardUser(row.getObject("id", UUID.class),
                        row.getObject("account_id", UUID.class), row.getString("email"),
                        row.getString("password_hash")))
                .optional().orElseThrow(() -> new UsernameNotFoundException("No such dashboard user"));
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw ApiException.invalid("password must be at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiException.invalid("password must be at most " + MAX_PASSWORD_BYTES + " bytes");
        }
    }
}
