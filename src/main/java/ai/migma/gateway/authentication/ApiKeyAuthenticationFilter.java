package ai.migma.gateway.authentication;

import ai.migma.gateway.web.ClientAddresses;
import ai.migma.gateway.web.SecurityHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The bearer step of the API chain, shaped like Spring Security's {@code BearerTokenAuthenticationFilter}: the
 * header is resolved, the {@link AuthenticationManager} checks the key, and any failure, a missing header included,
 * goes to the failure handler at once. Every route under {@code /v1} needs a key, so there is no anonymous path to
 * fall through to. Failures are paid for from the client address's own budget (see
 * {@link ApiKeyAuthenticationProvider}); once it is spent the answer is 429, which slows down key guessing without
 * affecting anyone who holds a valid key.
 *
 * <p>First in the hand-built API chain, it also does the two things the generic chain's filters did: it writes
 * the security headers, and it holds the security context for exactly the request, clearing it afterwards.
 */
public final class ApiKeyAuthenticationFilter extends HttpFilter {

    /** The key id in every log line of an authenticated request; the key itself is never logged. */
    static final String KEY_ID = "keyId";

    private final AuthenticationManager authenticationManager;
    private final AuthenticationFailureHandler failureHandler;
    private final ClientAddresses clients;
    private final AuthenticationMetrics metrics;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    public ApiKeyAuthenticationFilter(AuthenticationManager authenticationManager,
            AuthenticationFailureHandler failureHandler, ClientAddresses clients, AuthenticationMetrics metrics) {
        this.authenticationManager = authenticationManager;
        this.failureHandler = failureHandler;
        this.clients = clients;
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
        } catch (AuthenticationException failure) {
            contexts.clearContext();
            failureHandler.onAuthenticationFailure(request, response, failure);
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
