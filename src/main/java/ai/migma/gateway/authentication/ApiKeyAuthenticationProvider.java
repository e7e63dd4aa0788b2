package ai.migma.gateway.authentication;

import ai.migma.gateway.apikey.ApiKeyFormat;
import ai.migma.gateway.apikey.ApiKeyHasher;
import ai.migma.gateway.apikey.ApiKeyLookup;
import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.apikey.ApiKeySnapshot;
import ai.migma.gateway.apikey.KeyEnvironment;
import ai.migma.gateway.apikey.ParsedApiKey;
import ai.migma.gateway.ratelimit.RateLimitDecision;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.util.Assert;

/**
 * Checks a key in the order that costs least first: shape and checksum, environment, then the hash lookup (cached),
 * then revocation and expiry. Every refusal is the same 401 to the client; the log names the key id at most.
 *
 * <p>Every refusal is paid for from the client's {@link FailureBudget}, and once that is spent the answer is a 429
 * instead. A key this instance does not hold is paid for before the database is asked and refunded if it is
 * valid: so a client whose budget is spent cannot make the gateway run a single query, however many different
 * keys it makes up, and a key it repeats is remembered as unknown. A valid key this instance holds never touches
 * the budget.
 */
public final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationProvider.class);

    private final ApiKeyLookup directory;
    private final KeyEnvironment acceptedEnvironment;
    private final FailureBudget failures;
    private final Clock clock;

    public ApiKeyAuthenticationProvider(ApiKeyLookup directory, KeyEnvironment acceptedEnvironment,
            FailureBudget failures, Clock clock) {
        Assert.notNull(directory, "directory must not be null");
        Assert.notNull(acceptedEnvironment, "acceptedEnvironment must not be null");
        Assert.notNull(failures, "failures must not be null");
        Assert.notNull(clock, "clock must not be null");
        this.directory = directory;
        this.acceptedEnvironment = acceptedEnvironment;
        this.failures = failures;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        ApiKeyAuthenticationToken token = (ApiKeyAuthenticationToken) authentication;
        String key = (String) token.getCredentials();
        ParsedApiKey parsed = key == null ? null : ApiKeyFormat.parse(key);
        if (parsed == null) {
            throw failed(token, key == null ? "no single bearer token" : "malformed key or bad checksum", null);
        }
        if (parsed.environment() != acceptedEnvironment) {
            throw failed(token, "a " + parsed.environment().wireName() + " key where "
                    + acceptedEnvironment.wireName() + " keys are accepted", parsed.keyId());
        }
        byte[] hash = ApiKeyHasher.hash(key);
        ApiKeySnapshot snapshot = directory.cached(hash);
        if (snapshot == null) {
            if (directory.knownUnknown(hash)) {
                throw failed(token, "unknown key", parsed.keyId());
            }
            snapshot = lookUp(token, hash, parsed.keyId());
        } else if (!snapshot.usableAt(clock.millis())) {
            throw failed(token, unusable(snapshot), parsed.keyId());
        }
        return new ApiKeyAuthentication(new ApiKeyPrincipal(snapshot));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiKeyAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /**
     * Asks the database, paying in advance (see the class comment); returns only a usable key. Only the request
     * that asks pays: others that want the same key meanwhile wait for its answer, so a burst of first requests with
     * one valid key costs its client one attempt, refunded, however many connections it arrives on. Those that did
     * not pay and are refused pay as any refusal does.
     */
    private ApiKeySnapshot lookUp(ApiKeyAuthenticationToken token, byte[] hash, String keyId) {
        Payment payment = new Payment(token.client());
        ApiKeySnapshot snapshot;
        try {
            snapshot = directory.find(hash, payment);
        } catch (DataAccessException unavailable) {
            // Not a 401: the key may well be valid, and a client told so would throw a good key away.
            payment.refund();
            throw new AuthenticationServiceException("Key store unavailable", unavailable);
        }
        if (snapshot == null || !snapshot.usableAt(clock.millis())) {
            String reason = snapshot == null ? "unknown key" : unusable(snapshot);
            throw payment.paid ? refused(reason, keyId) : failed(token, reason, keyId);
        }
        payment.refund();
        return snapshot;
    }

    /** One attempt taken from a client's budget just before the database is asked, or a 429 instead of asking. */
    private final class Payment implements Runnable {

        private final String client;
        private boolean paid;

        Payment(String client) {
            this.client = client;
        }

        @Override
        public void run() {
            RateLimitDecision decision = failures.spend(client);
            if (!decision.allowed()) {
                throw new ThrottledAuthenticationException(decision);
            }
            paid = true;
        }

        void refund() {
            if (paid) {
                failures.refund(client);
            }
        }
    }

    /** A refusal, paid for: a 401 while the client's budget lasts, a 429 once it is spent. */
    private AuthenticationException failed(ApiKeyAuthenticationToken token, String reason, String keyId) {
        RateLimitDecision paid = failures.spend(token.client());
        return paid.allowed() ? refused(reason, keyId) : new ThrottledAuthenticationException(paid);
    }

    private static String unusable(ApiKeySnapshot snapshot) {
        return snapshot.revokedAt() != null ? "revoked key" : "expired key";
    }

    private static RefusedTokenException refused(String reason, String keyId) {
        if (log.isDebugEnabled()) {
            log.debug("Refused API key{}: {}", keyId == null ? "" : " " + keyId, reason);
        }
        return new RefusedTokenException(reason);
    }
}
