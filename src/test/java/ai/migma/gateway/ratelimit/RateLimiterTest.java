package ai.migma.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.account.AccountView;
import ai.migma.gateway.account.Plan;
import ai.migma.gateway.apikey.ApiKeySnapshot;
import ai.migma.gateway.apikey.KeyEnvironment;
import ai.migma.gateway.support.SettableClock;
import ai.migma.gateway.support.UnitTest;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The budgets of docs/API.md ("Rate limits") on local buckets whose time is a settable clock: what a plan admits,
 * what keys share, and that the figures a refusal reports are honest (waiting them is enough), without sleeping.
 */
@UnitTest
class RateLimiterTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final Map<UUID, AccountView> accounts = new HashMap<>();
    private final RateLimiter limiter = new RateLimiter(new LocalBucketStore(1_000, clock),
            new PlanProperties(10, 100), new AuthFailureProperties(5), accounts::get);

    @Test
    void aFreeAccountGetsTenRequestsAMinuteAndTheEleventhIsRefused() {
        ApiKeySnapshot key = key(account(Plan.FREE, null), null);
        for (int i = 0; i < 10; i++) {
            RateLimitDecision decision = limiter.consume(key);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).isEqualTo(9 - i);
        }

        RateLimitDecision refused = limiter.consume(key);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo(10);
        assertThat(refused.retryAfterSeconds()).isEqualTo(6);
    }

    @Test
    void waitingRetryAfterIsEnoughAndWaitingLessIsNot() {
        ApiKeySnapshot key = key(account(Plan.FREE, null), null);
        RateLimitDecision refused = spend(key);

        clock.advance(Duration.ofSeconds(refused.retryAfterSeconds()).minusMillis(100));
        assertThat(limiter.consume(key).allowed()).isFalse();

        clock.advance(Duration.ofMillis(100));
        assertThat(limiter.consume(key).allowed()).isTrue();
    }

    @Test
    void waitingUntilResetFindsTheFullBudget() {
        ApiKeySnapshot key = key(account(Plan.PRO, null), null);
        RateLimitDecision last = null;
        for (int i = 0; i < 4; i++) {
            last = limiter.consume(key);
        }

        clock.advance(Duration.ofSeconds(last.resetSeconds()));

        assertThat(limiter.consume(key).remaining()).isEqualTo(99);
    }

    @Test
    void keysOfOneAccountShareOneBudgetPerEnvironment() {
        UUID account = account(Plan.FREE, null);
        spend(key(account, null));

        assertThat(limiter.consume(key(account, null)).allowed()).isFalse();
        assertThat(limiter.consume(key(account, null, KeyEnvironment.LIVE)).allowed()).isTrue();
    }

    @Test
    void aKeysOwnLowerLimitAppliesAndGetsItsTokenBackWhenTheAccountRefuses() {
        UUID account = account(Plan.FREE, null);
        ApiKeySnapshot limited = key(account, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.consume(limited).allowed()).isTrue();
        }
        RateLimitDecision own = limiter.consume(limited);
        assertThat(own.allowed()).isFalse();
        assertThat(own.policy()).isEqualTo(RateLimitDecision.KEY);

        ApiKeySnapshot other = key(account, 5);
        spend(key(account, null));
        RateLimitDecision shared = limiter.consume(other);
        assertThat(shared.allowed()).isFalse();
        assertThat(shared.policy()).isEqualTo(RateLimitDecision.ACCOUNT);
        // The account refused, so the key's own budget still has all 5.
        accounts.put(account, new AccountView(account, "a", Plan.ENTERPRISE, 1_000, Instant.EPOCH,
                clock.instant()));
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.consume(other).allowed()).as("request " + i).isTrue();
        }
    }

    @Test
    void aPlanChangeAppliesOnTheNextRequestAndKeepsWhatWasSpent() {
        UUID account = account(Plan.FREE, null);
        ApiKeySnapshot key = key(account, null);
        for (int i = 0; i < 7; i++) {
            limiter.consume(key);
        }
        clock.advance(Duration.ofMillis(1));
        accounts.put(account, new AccountView(account, "a", Plan.PRO, null, Instant.EPOCH, clock.instant()));

        RateLimitDecision upgraded = limiter.consume(key);

        assertThat(upgraded.limit()).isEqualTo(100);
        assertThat(upgraded.remaining()).isEqualTo(92);
    }

    @Test
    void aFailedAuthenticationRefundedIsNotCounted() {
        for (int i = 0; i < 5; i++) {
            limiter.consumeFailedAuthentication("192.0.2.1");
            limiter.refundFailedAuthentication("192.0.2.1");
        }
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.consumeFailedAuthentication("192.0.2.1").allowed()).isTrue();
        }
        assertThat(limiter.consumeFailedAuthentication("192.0.2.1").allowed()).isFalse();
        assertThat(limiter.consumeFailedAuthentication("192.0.2.2").allowed()).isTrue();
    }

    @Test
    void anAccountsBucketsShareOneRedisClusterHashSlotAndAccountsSpreadOverSlots() {
        List<String> names = new ArrayList<>();
        LocalBucketStore local = new LocalBucketStore(1_000, clock);
        BucketStore recording = new BucketStore() {
            @Override
            public RateLimitDecision tryConsume(String bucket, String policy, long limit, long version) {
                names.add(bucket);
                return local.tryConsume(bucket, policy, limit, version);
            }

            @Override
            public void refund(String bucket, long limit, long version) {
                names.add(bucket);
                local.refund(bucket, limit, version);
            }
        };
        RateLimiter recorded = new RateLimiter(recording, new PlanProperties(10, 100), new AuthFailureProperties(5),
                accounts::get);
        UUID account = account(Plan.FREE, null);
        ApiKeySnapshot test = key(account, 3);
        ApiKeySnapshot live = key(account, 3, KeyEnvironment.LIVE);
        for (int i = 0; i < 12; i++) {
            recorded.consume(i % 2 == 0 ? test : live);
        }
        // The account's buckets of both environments and both keys' own ones.
        assertThat(names.stream().distinct()).hasSize(4);
        assertThat(names.stream().map(RateLimiterTest::slot).distinct()).hasSize(1);

        Set<Integer> slots = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            slots.add(slot(RateLimiter.accountBucket(key(account(Plan.FREE, null), null))));
        }
        assertThat(slots).as("the tag is the account, not a constant").hasSizeGreaterThan(40);
    }

    private static int slot(String bucket) {
        return SlotHash.getSlot(RedisBucketStore.KEY_PREFIX + bucket);
    }

    private RateLimitDecision spend(ApiKeySnapshot key) {
        RateLimitDecision decision;
        do {
            decision = limiter.consume(key);
        } while (decision.allowed());
        return decision;
    }

    private UUID account(Plan plan, Integer limit) {
        UUID id = UUID.randomUUID();
        accounts.put(id, new AccountView(id, "a", plan, limit, Instant.EPOCH, Instant.EPOCH));
        return id;
    }

    private ApiKeySnapshot key(UUID account, Integer ownLimit) {
        return key(account, ownLimit, KeyEnvironment.TEST);
    }

    private ApiKeySnapshot key(UUID account, Integer ownLimit, KeyEnvironment environment) {
        return new ApiKeySnapshot(UUID.randomUUID().toString().substring(0, 8), account, environment, Set.of(),
                ownLimit, null, null, Instant.EPOCH);
    }
}
