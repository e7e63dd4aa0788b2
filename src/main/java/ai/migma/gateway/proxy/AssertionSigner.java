package ai.migma.gateway.proxy;

import ai.migma.gateway.apikey.ApiKeySnapshot;
import ai.migma.gateway.apikey.Permission;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Signs the assertion each proxied request carries ({@code X-Migma-Assertion}): a JWT (ES256) saying which key of
 * which account called which route, that an upstream verifies with the keys at {@code /.well-known/jwks.json} and
 * any stock JOSE library. Each instance makes its own key pair, keeps the private half in memory only and publishes
 * the public half ({@link SigningKeys}); it makes a new pair every {@code rotation}. {@link CallerIdentity} reuses
 * what it signs for {@link #reuseFor()}, half its lifetime, so signing stays off the hot path and an upstream always
 * receives an assertion with at least half its lifetime left.
 */
@Component
final class AssertionSigner {

    private static final Logger log = LoggerFactory.getLogger(AssertionSigner.class);
    /** How long after a failed rotation (database down) the next attempt comes; the old pair signs meanwhile. */
    private static final Duration RETRY = Duration.ofMinutes(1);

    /** {@code retireAt}: when the published public key leaves the JWKS; no assertion it signs outlives it. */
    private record Signing(ECKey key, ECDSASigner signer, Instant rotateAt, Instant retireAt) {
    }

    private final SigningKeys published;
    private final ProxyProperties.Assertion settings;
    private final Clock clock;
    private volatile Signing current;

    AssertionSigner(SigningKeys published, ProxyProperties properties, Clock clock) {
        this.published = published;
        this.settings = properties.assertion();
        this.clock = clock;
        if (settings.lifetime().compareTo(Duration.ofSeconds(10)) < 0 || settings.rotation().compareTo(
                settings.lifetime()) < 0) {
            throw new IllegalStateException("migma.proxy.assertion: lifetime must be at least 10s and rotation at "
                    + "least the lifetime; got lifetime " + settings.lifetime() + ", rotation " + settings.rotation());
        }
    }

    /** How long one assertion may be handed out: half its lifetime. */
    Duration reuseFor() {
        return settings.lifetime().dividedBy(2);
    }

    /** A new assertion of {@code key} (of an account on {@code plan}) calling {@code route}. */
    String assertion(ApiKeySnapshot key, String plan, String route) {
        Signing signing = signing();
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(key.keyId())
                .audience(route)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(min(now.plus(settings.lifetime()), signing.retireAt())))
                .jwtID(UUID.randomUUID().toString())
                .claim("account_id", key.accountId().toString())
                .claim("key_id", key.keyId())
                .claim("environment", key.environment().wireName())
                .claim("plan", plan)
                .claim("scope", key.permissions().stream().sorted().map(Permission::scope)
                        .collect(Collectors.joining(" ")))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signing.key().getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signing.signer());
        } catch (JOSEException impossible) {
            throw new IllegalStateException("Could not sign an assertion", impossible);
        }
        return jwt.serialize();
    }

    /** The pair to sign with, made (and published) first when there is none or its time is up. */
    private Signing signing() {
        Signing signing = current;
        if (signing != null && clock.instant().isBefore(signing.rotateAt())) {
            return signing;
        }
        synchronized (this) {
            signing = current;
            if (signing != null && clock.instant().isBefore(signing.rotateAt())) {
                return signing;
            }
            try {
                current = rotate();
            } catch (RuntimeException unpublished) {
                if (signing == null || !clock.instant().isBefore(signing.retireAt())) {
                    throw unpublished;
                }
                // Its assertions still verify until its published key retires; none is made to outlast that.
                log.warn("Could not publish a new assertion signing key ({}); signing with the current one for {} more",
                        unpublished.toString(), RETRY);
                current = new Signing(signing.key(), signing.signer(), clock.instant().plus(RETRY),
                        signing.retireAt());
            }
            return current;
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private Signing rotate() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyID(UUID.randomUUID().toString()).generate();
            Instant now = clock.instant();
            Instant rotateAt = now.plus(settings.rotation());
            // Published before its first use, and retired a lifetime after it is due to rotate. Should publishing
            // its successor fail, it signs on meanwhile, but nothing it signs expires after it leaves the JWKS.
            Instant retireAt = rotateAt.plus(settings.lifetime());
            published.publish(key.getKeyID(), key.toPublicJWK().toJSONString(), now, retireAt);
            log.info("Signing proxy assertions with key {}", key.getKeyID());
            return new Signing(key, new ECDSASigner(key), rotateAt, retireAt);
        } catch (JOSEException impossible) {
            throw new IllegalStateException("Could not make an ES256 key pair", impossible);
        }
    }
}
