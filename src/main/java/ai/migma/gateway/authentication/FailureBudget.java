package ai.migma.gateway.authentication;

import ai.migma.gateway.ratelimit.RateLimitDecision;

/**
 * The failed-authentication budget of each client (docs/API.md, "Rate limits"), keyed by {@code
 * ClientAddresses#budgetKeyOf}. An attempt is paid for before its key is judged, atomically, so that concurrent guesses
 * can never overdraw it and a spent budget keeps guesses away from the database; an attempt that turns out to hold a
 * valid key is refunded.
 */
public interface FailureBudget {

    /** Nothing is ever refused: rate limiting is switched off. */
    FailureBudget UNLIMITED = new FailureBudget() {
        private final RateLimitDecision always = new RateLimitDecision(true, RateLimitDecision.AUTH_FAILURES,
                Long.MAX_VALUE, Long.MAX_VALUE, 0, 0);

        @Override
        public RateLimitDecision spend(String client) {
            return always;
        }

        @Override
        public void refund(String client) {
        }
    };

    /** Takes one attempt from {@code client}'s budget; a decision that is not {@code allowed} took nothing. */
    RateLimitDecision spend(String client);

    /** Gives back an attempt that held a valid key. */
    void refund(String client);
}
