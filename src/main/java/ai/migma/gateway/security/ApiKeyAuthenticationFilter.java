package ai.migma.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The bearer step of the API chain, shaped like Spring Security's {@code BearerTokenAuthenticationFilter}: the
 * header is resolved, the {@link AuthenticationManager} checks the key, and any failure, a missing header included,
 * goes to the entry point at once. Every route under {@code /v1} needs a key, so there is no anonymous path to
 * fall through to. Failures count against the client address's own budget; once it is spent the answer is 429,
 * which slows down key guessing without affecting anyone who holds a valid key.
 *
 * <p>First in the hand-built API chain, it also does the two things the generic chain's filters did: it writes
 * the security headers, and it holds the security context for exactly the request, clearing it afterwards.
 */
final class ApiKeyAuthenticationFilter extends HttpFilter {

    /** The key id in every log line of an authenticated request; the key itself is never logged. */
    static final String KEY_ID = "keyId";

    private final AuthenticationManager authenticationManager;
    private final AuthenticationEntryPoint entryPoint;
    private final FailureThrottle failureThrottle;
    private final AuthenticationEntryPoint serviceUnavailable;
    private final GatewayMetrics metrics;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    /** Decides whether a failed attempt may still be answered 401; {@code false} after writing a 429. */
    @FunctionalInterface
    interface FailureThrottle {
        boolean admit(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    ApiKeyAuthenticationFilter(AuthenticationManager authenticationManager, AuthenticationEntryPoint entryPoint,
            FailureThrottle failureThrottle, AuthenticationEntryPoint serviceUnavailable, GatewayMetrics metrics) {
        this.authenticationManager = authenticationManager;
        this.entryPoint = entryPoint;
        this.failureThrottle = failureThrottle;
        this.serviceUnavailable = serviceUnavailable;
        this.metrics = metrics;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SecurityHeaders.write(request, response);
        String key = BearerTokens.resolve(request);
        if (key == null) {
            refuse(request, response, new RefusedTokenException("no single bearer token"));
            return;
        }
        Authentication authentication;
        try {
            authentication = authenticationManager.authenticate(new ApiKeyAuthenticationToken(key));
        } catch (AuthenticationServiceException unavailable) {
            contexts.clearContext();
            metrics.unavailable();
            serviceUnavailable.commence(request, response, unavailable);
            return;
        } catch (AuthenticationException refused) {
            contexts.clearContext();
            refuse(request, response, refused);
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authentication);
        contexts.setContext(context);
        metrics.authenticated();
        MDC.put(KEY_ID, authentication.getName());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(KEY_ID);
            contexts.clearContext();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException, ServletException {
        if (failureThrottle.admit(request, response)) {
            metrics.refused();
            entryPoint.commence(request, response, failure);
        } else {
            metrics.throttled();
        }
    }
}
