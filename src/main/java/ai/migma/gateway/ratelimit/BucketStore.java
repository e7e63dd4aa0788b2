package ai.migma.gateway.ratelimit;

/**
 * Token buckets by name: capacity {@code limit}, refilled greedily at {@code limit} tokens a minute. A bucket's
 * configuration is replaced when it is asked for with a higher {@code version} (the account's or key's last
 * change), keeping the tokens already spent.
 */
interface BucketStore {

    RateLimitDecision tryConsume(String bucket, String policy, long limit, long version);

    /** Gives back a token taken by a request that a second budget then refused. */
    void refund(String bucket, long limit, long version);
}
