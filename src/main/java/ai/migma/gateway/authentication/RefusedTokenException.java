package ai.migma.gateway.authentication;

import org.springframework.security.core.AuthenticationException;

/**
 * Any reason a key or the admin token is refused. Clients see one message for all of them (docs/API.md,
 * "Authentication"); the reason stays in the exception for debug logs. No stack trace: refusals are routine, and a
 * flood of bad keys must stay cheap.
 */
public final class RefusedTokenException extends AuthenticationException {

    public RefusedTokenException(String reason) {
        super(reason);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
