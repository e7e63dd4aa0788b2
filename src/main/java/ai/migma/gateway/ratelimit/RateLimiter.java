package ai.migma.gateway.ratelimit;

import ai.migma.gateway.account.AccountLookup;
import ai.migma.gateway.account.AccountView;
import ai.migma.gateway.apikey.ApiKeySnapshot;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The budgets of docs/API.md, "Rate limits". One bucket per account and environment, so that all of an account's keys
 * of one environment share the plan's budget; a key's own lower limit is a second bucket on top; failed authentications
 * have a third kind, per client address.
 */
public final class RateLimiter {

    private final BucketStore buckets;
    private final PlanProperties plans;
    private final AuthFailureProperties authFailures;
    private final AccountLookup accounts;

    RateLimiter(BucketStore buckets, PlanProperties plans, AuthFailureProperties authFailures,
            AccountLookup accounts) {
        this.buckets = buckets;
        this.plans = plans;
        this.authFailures = authFailures;
        this.accounts = accounts;
    }

    /** Counts one request of an authenticated key against its account's budget and, if it has one, its own. */
    public RateLimitDecision consume(ApiKeySnapshot key) {
        AccountView account = accounts.find(key.accountId());
        long accountLimit = plans.perMinute(account.plan(), account.rateLimitPerMinute());
        String accountBucket = accountBucket(key);
        long accountVersion = version(account.updatedAt());
        Integer keyLimit = key.rateLimitPerMinute();
        if (keyLimit == null || keyLimit >= accountLimit) {
            return buckets.tryConsume(accountBucket, RateLimitDecision.ACCOUNT, accountLimit, accountVersion);
        }
        String keyBucket = keyBucket(key);
        long keyVersion = version(key.updatedAt());
        RateLimitDecision own = buckets.tryConsume(keyBucket, RateLimitDecision.KEY, keyLimit, keyVersion);
        if (!own.allowed()) {
            return own;
        }
        RateLimitDecision shared =
                buckets.tryConsume(accountBucket, RateLimitDecision.ACCOUNT, accountLimit, accountVersion);
        if (!shared.allowed()) {
            // Refused by the account: the request did not happen, so the key's own budget gets its token back.
            buckets.refund(keyBucket, keyLimit, keyVersion);
            return shared;
        }
        // Report the budget closer to running out: that is the one the client must pace itself by.
        return own.remaining() <= shared.remaining() ? own : shared;
    }

    /**
     * Counts one request against its route's own budget (when {@code route} is not {@code null}) and then the plan's,
     * giving the route's token back when the plan refuses; reports the budget closer to running out.
     */
    public RateLimitDecision consume(ApiKeySnapshot key, RouteBudget route) {
        if (route == null) {
            return consume(key);
        }
        String routeBucket = routeBucket(key, route);
        RateLimitDecision own = buckets.tryConsume(routeBucket, RateLimitDecision.ROUTE, route.perMinute(), 0);
        if (!own.allowed()) {
            return own;
        }
        RateLimitDecision plan = consume(key);
        if (!plan.allowed()) {
            buckets.refund(routeBucket, route.perMinute(), 0);
            return plan;
        }
        return own.remaining() <= plan.remaining() ? own : plan;
    }

    /** Counts one failed authentication from {@code client} (an address, or an IPv6 /64). */
    public RateLimitDecision consumeFailedAuthentication(String client) {
        return buckets.tryConsume("auth:" + client, RateLimitDecision.AUTH_FAILURES, authFailures.perMinute(), 0);
    }

    /** Gives back an attempt counted in advance that turned out to hold a valid key. */
    public void refundFailedAuthentication(String client) {
        buckets.refund("auth:" + client, authFailures.perMinute(), 0);
    }

    /**
     * The account's id in braces is a Redis Cluster hash tag: only it decides the slot, so an account's buckets
     * (each environment's, and its keys' own) live on one master, where one script could take them together, and
     * losing a master affects whole accounts, not halves of them.
     */
    static String accountBucket(ApiKeySnapshot key) {
        return "{" + key.accountId() + "}:acct:" + key.environment().wireName();
    }

    /**
     * Per account and environment, like the plan's budget. The limit is part of the name, so a route whose limit
     * changes starts a bucket of its own rather than keeping the old capacity.
     */
    static String routeBucket(ApiKeySnapshot key, RouteBudget route) {
        return "{" + key.accountId() + "}:route:" + route.route() + ':' + route.perMinute() + ':'
                + key.environment().wireName();
    }

    static String keyBucket(ApiKeySnapshot key) {
        return "{" + key.accountId() + "}:key:" + key.keyId();
    }

    /** Bucket configurations are versioned by the last change of what they are computed from. */
    private static long version(Instant updatedAt) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, updatedAt);
    }
}
