package ai.migma.gateway.authentication;

import ai.migma.gateway.ratelimit.RateLimitDecision;
import org.springframework.security.core.AuthenticationException;

/** The client's failure budget is spent: a 429 with the budget's figures, and the key was not looked at. */
final class ThrottledAuthenticationException extends AuthenticationException {

    private final transient RateLimitDecision decision;

    ThrottledAuthenticationException(RateLimitDecision decision) {
        super("failed-authentication budget spent");
        this.decision = decision;
    }

    RateLimitDecision decision() {
        return decision;
    }

    /** Routine under attack, so as cheap as {@link RefusedTokenException}. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
