package ai.migma.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import ai.migma.gateway.web.ClientAddresses;
import ai.migma.gateway.web.ErrorCode;
import ai.migma.gateway.web.ErrorRenderer;
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
 * fall through to. Failures are paid for from the client address's own budget (see
 * {@link ApiKeyAuthenticationProvider}); once it is spent the answer is 429, which slows down key guessing without
 * affecting anyone who holds a valid key.
 *
 * <p>First in the hand-built API chain, it also does the two things the generic chain's filters did: it writes
 * the security headers, and it holds the security context for exactly the request, clearing it afterwards.
 */
final class ApiKeyAuthenticationFilter extends HttpFilter {

    /** The key id in every log line of an authenticated request; the key itself is never logged. */
    static final String KEY_ID = "keyId";

    private final AuthenticationManager authenticationManager;
    private final AuthenticationEntryPoint entryPoint;
    private final ClientAddresses clients;
    private final ErrorRenderer errors;
    private final GatewayMetrics metrics;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyAuthenticationFilter(AuthenticationManager authenticationManager, AuthenticationEntryPoint entryPoint,
            ClientAddresses clients, ErrorRenderer errors, GatewayMetrics metrics) {
        this.authenticationManager = authenticationManager;
        this.entryPoint = entryPoint;
        this.clients = clients;
        this.errors = errors;
        this.metrics = metrics;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SecurityHeaders.write(request, response);
        Authentication authentication;
        try {
            authentication = authenticationManager.authenticate(new ApiKeyAuthenticationToken(
                    BearerTokens.resolve(request), () -> clients.budgetKeyOf(request)));
        } catch (AuthenticationServiceException unavailable) {
            contexts.clearContext();
            metrics.unavailable();
            errors.write(request, response, ErrorCode.SERVICE_UNAVAILABLE, ErrorRenderer.UNAVAILABLE);
            return;
        } catch (ThrottledAuthenticationException throttled) {
            // A 429 for guessing carries the address's budget figures, which say how long to wait.
            contexts.clearContext();
            metrics.throttled();
            RateLimitFilter.write(throttled.decision(), request, response, errors);
            return;
        } catch (AuthenticationException refused) {
            // A 401 carries no figures: they would describe the address's budget, not the plan's.
            contexts.clearContext();
            metrics.refused();
            entryPoint.commence(request, response, refused);
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
}
