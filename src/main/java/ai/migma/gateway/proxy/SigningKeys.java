package ai.migma.gateway.proxy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The public halves of every instance's assertion signing keys, in PostgreSQL, so that the JWKS of any instance
 * lists all of them: an upstream behind several gateway instances verifies whichever signed.
 */
@Component
final class SigningKeys {

    private final JdbcClient jdbc;
    private final Clock clock;

    SigningKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Publishes a public key, and forgets those retired. */
    void publish(String kid, String publicJwk, Instant createdAt, Instant retireAt) {
        jdbc.sql("delete from proxy_signing_keys where retire_at < ?").param(Timestamp.from(clock.instant())).update();
        jdbc.sql("insert into proxy_signing_keys (kid, public_jwk, created_at, retire_at) values (?, ?::jsonb, ?, ?)")
                .params(kid, publicJwk, Timestamp.from(createdAt), Timestamp.from(retireAt)).update();
    }

    /** The public keys not yet retired, newest first, each a JWK in JSON. */
    List<String> current() {
        return jdbc.sql("select public_jwk::text from proxy_signing_keys where retire_at > ? order by created_at desc")
                .param(Timestamp.from(clock.instant())).query(String.class).list();
    }
}
