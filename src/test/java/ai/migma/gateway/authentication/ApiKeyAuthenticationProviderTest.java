package ai.migma.gateway.authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.migma.gateway.apikey.ApiKeyFormat;
import ai.migma.gateway.apikey.ApiKeyHasher;
import ai.migma.gateway.apikey.ApiKeyLookup;
import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.apikey.ApiKeySnapshot;
import ai.migma.gateway.apikey.KeyEnvironment;
import ai.migma.gateway.apikey.Permission;
import ai.migma.gateway.ratelimit.RateLimitDecision;
import ai.migma.gateway.support.SettableClock;
import ai.migma.gateway.support.UnitTest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * The key step alone, with an in-memory key store, a failure budget that counts, and a settable clock: what each
 * kind of key costs (the database, the client's budget) and when a key stops working, without sleeping.
 */
@UnitTest
class ApiKeyAuthenticationProviderTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CLIENT = "192.0.2.7";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final FakeKeys keys = new FakeKeys();
    private final CountingBudget budget = new CountingBudget(5);
    private final ApiKeyAuthenticationProvider provider =
            new ApiKeyAuthenticationProvider(keys, KeyEnvironment.TEST, budget, clock);

    @Test
    void authenticateWhenKeyIsHeldThenAsksNeitherTheDatabaseNorTheBudget() {
        String key = keys.store(snapshot(null, null));
        provider.authenticate(token(key));
        keys.queries = 0;

        ApiKeyPrincipal principal = (ApiKeyPrincipal) provider.authenticate(token(key)).getPrincipal();

        assertThat(principal.key().permissions()).containsExactly(Permission.AUDIENCE_READ);
        assertThat(keys.queries).isZero();
        assertThat(budget.spent).isEqualTo(1);
        assertThat(budget.refunded).isEqualTo(1);
    }

    @Test
    void authenticateWhenKeyIsValidButNotYetHeldThenItsAttemptIsRefunded() {
        String key = keys.store(snapshot(null, null));

        provider.authenticate(token(key));

        assertThat(keys.queries).isEqualTo(1);
        assertThat(budget.left).isEqualTo(5);
    }

    @Test
    void authenticateWhenAnotherRequestAsksForTheSameValidKeyThenItsAnswerCostsNothing() {
        String key = keys.store(snapshot(null, null));
        keys.askedByAnother = true;

        for (int i = 0; i < 10; i++) {
            assertThat(provider.authenticate(token(key)).isAuthenticated()).isTrue();
        }

        assertThat(budget.spent).isZero();
    }

    @Test
    void authenticateWhenAnotherRequestAsksForTheSameRevokedKeyThenTheRefusalIsStillPaidFor() {
        String key = keys.store(snapshot(null, clock.instant()));
        keys.askedByAnother = true;

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> provider.authenticate(token(key))).isInstanceOf(RefusedTokenException.class);
        }

        assertThatThrownBy(() -> provider.authenticate(token(key)))
                .isInstanceOf(ThrottledAuthenticationException.class);
        assertThat(keys.queries).isZero();
    }

    @Test
    void authenticateWhenKeyIsMissingMalformedOrOfTheOtherEnvironmentThenRefusedAndPaidFor() {
        String good = ApiKeyFormat.generate(KeyEnvironment.TEST, RANDOM);
        char last = good.charAt(good.length() - 1);
        String badChecksum = good.substring(0, good.length() - 1) + (last == 'x' ? 'y' : 'x');
        for (String key : new String[] {null, "garbage", badChecksum,
                ApiKeyFormat.generate(KeyEnvironment.LIVE, RANDOM)}) {
            assertThatThrownBy(() -> provider.authenticate(token(key))).isInstanceOf(RefusedTokenException.class);
        }

        assertThat(budget.spent).isEqualTo(4);
        assertThat(keys.queries).isZero();
    }

    @Test
    void authenticateWhenKeyIsUnknownThenPaysBeforeAskingAndIsRememberedUnknown() {
        String unknown = ApiKeyFormat.generate(KeyEnvironment.TEST, RANDOM);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> provider.authenticate(token(unknown))).isInstanceOf(RefusedTokenException.class);
        }

        assertThat(keys.queries).isEqualTo(1);
        assertThat(budget.spent).isEqualTo(3);
    }

    @Test
    void authenticateWhenTheBudgetIsSpentThenThrottledWithoutAskingTheDatabase() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> provider.authenticate(token(ApiKeyFormat.generate(KeyEnvironment.TEST,
                    RANDOM)))).isInstanceOf(RefusedTokenException.class);
        }
        keys.queries = 0;

        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> provider.authenticate(token(ApiKeyFormat.generate(KeyEnvironment.TEST,
                    RANDOM)))).isInstanceOf(ThrottledAuthenticationException.class);
        }

        assertThat(keys.queries).isZero();
    }

    @Test
    void authenticateWhenKeyExpiresThenWorksUntilItsExpiryAndNotFromIt() {
        // A rolled key's grace period is an expiry like any other.
        String key = keys.store(snapshot(clock.instant().plusSeconds(2), null));

        clock.advance(Duration.ofMillis(1_999));
        assertThat(provider.authenticate(token(key)).isAuthenticated()).isTrue();

        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> provider.authenticate(token(key))).isInstanceOf(RefusedTokenException.class)
                .hasMessage("expired key");
    }

    @Test
    void authenticateWhenKeyIsRevokedThenRefused() {
        String key = keys.store(snapshot(null, clock.instant()));

        assertThatThrownBy(() -> provider.authenticate(token(key))).isInstanceOf(RefusedTokenException.class)
                .hasMessage("revoked key");
    }

    @Test
    void authenticateWhenTheDatabaseIsDownThenUnavailableAndTheAttemptIsRefunded() {
        keys.down = true;

        assertThatThrownBy(() -> provider.authenticate(token(ApiKeyFormat.generate(KeyEnvironment.TEST, RANDOM))))
                .isInstanceOf(AuthenticationServiceException.class);

        assertThat(budget.left).isEqualTo(5);
    }

    private static ApiKeyAuthenticationToken token(String key) {
        return new ApiKeyAuthenticationToken(key, () -> CLIENT);
    }

    private ApiKeySnapshot snapshot(Instant expiresAt, Instant revokedAt) {
        return new ApiKeySnapshot("k" + Integer.toHexString(RANDOM.nextInt()), UUID.randomUUID(), KeyEnvironment.TEST,
                Set.of(Permission.AUDIENCE_READ), null, expiresAt, revokedAt, clock.instant());
    }

    /** Keys by hash, with what this instance "holds" apart from what it must "ask the database" for. */
    private static final class FakeKeys implements ApiKeyLookup {
        private final Map<String, ApiKeySnapshot> database = new HashMap<>();
        private final Map<String, ApiKeySnapshot> held = new HashMap<>();
        private final Set<String> unknown = new HashSet<>();
        int queries;
        boolean down;
        /** Another request for the same hash is asking the database: this one waits for that answer. */
        boolean askedByAnother;

        String store(ApiKeySnapshot snapshot) {
            String key = ApiKeyFormat.generate(KeyEnvironment.TEST, RANDOM);
            database.put(hex(ApiKeyHasher.hash(key)), snapshot);
            return key;
        }

        @Override
        public ApiKeySnapshot cached(byte[] hash) {
            return held.get(hex(hash));
        }

        @Override
        public boolean knownUnknown(byte[] hash) {
            return unknown.contains(hex(hash));
        }

        @Override
        public ApiKeySnapshot find(byte[] hash, Runnable beforeQuery) {
            if (askedByAnother) {
                return database.get(hex(hash));
            }
            beforeQuery.run();
            if (down) {
                throw new DataAccessResourceFailureException("database down");
            }
            queries++;
            ApiKeySnapshot snapshot = database.get(hex(hash));
            if (snapshot == null) {
                unknown.add(hex(hash));
            } else {
                held.put(hex(hash), snapshot);
            }
            return snapshot;
        }

        private static String hex(byte[] hash) {
            return HexFormat.of().formatHex(hash);
        }
    }

    private static final class CountingBudget implements FailureBudget {
        int left;
        int spent;
        int refunded;

        CountingBudget(int left) {
            this.left = left;
        }

        @Override
        public RateLimitDecision spend(String client) {
            assertThat(client).isEqualTo(CLIENT);
            if (left == 0) {
                return new RateLimitDecision(false, RateLimitDecision.AUTH_FAILURES, 5, 0, 60_000_000_000L,
                        12_000_000_000L);
            }
            left--;
            spent++;
            return new RateLimitDecision(true, RateLimitDecision.AUTH_FAILURES, 5, left, 0, 0);
        }

        @Override
        public void refund(String client) {
            left++;
            refunded++;
        }
    }
}
