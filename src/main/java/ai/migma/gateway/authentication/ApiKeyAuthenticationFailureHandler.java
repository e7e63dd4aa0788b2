package ai.migma.gateway.authentication;

import ai.migma.gateway.ratelimit.RateLimitFilter;
import ai.migma.gateway.web.ErrorCode;
import ai.migma.gateway.web.ErrorRenderer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The answer to a key that did not authenticate, on Spring Security's {@link AuthenticationFailureHandler} seam: the
 * 401 of docs/API.md ("Authentication") while the client's failure budget lasts (the provider paid for the attempt), a
 * 429 with that budget's figures once it is spent, and a 503 when the key could not be checked at all (a valid key must
 * not be told it is invalid).
 */
public final class ApiKeyAuthenticationFailureHandler implements AuthenticationFailureHandler {

    static final String INVALID_KEY = "Invalid or missing API key";

    private final JsonAuthenticationEntryPoint invalidKey;
    private final ErrorRenderer errors;
    private final AuthenticationMetrics metrics;

    public ApiKeyAuthenticationFailureHandler(ErrorRenderer errors, AuthenticationMetrics metrics) {
        this.invalidKey = new JsonAuthenticationEntryPoint(errors, INVALID_KEY);
        this.errors = errors;
        this.metrics = metrics;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        if (failure instanceof AuthenticationServiceException) {
            metrics.unavailable();
            errors.write(request, response, ErrorCode.SERVICE_UNAVAILABLE, ErrorRenderer.UNAVAILABLE);
        } else if (failure instanceof ThrottledAuthenticationException throttled) {
            // A 429 for guessing carries the address's budget figures, which say how long to wait.
            metrics.throttled();
            RateLimitFilter.write(throttled.decision(), request, response, errors);
        } else {
            // A 401 carries no figures: they would describe the address's budget, not the plan's.
            metrics.refused();
            invalidKey.commence(request, response, failure);
        }
    }
}
