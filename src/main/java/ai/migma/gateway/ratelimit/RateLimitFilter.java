package ai.migma.gateway.ratelimit;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import ai.migma.gateway.web.ErrorCode;
import ai.migma.gateway.web.ErrorRenderer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * The rate-limit step, between authentication and authorization: every authenticated request counts, whether it
 * then ends in 200, 403, 404 or anything else, and every one carries the headers, set before anything downstream
 * can commit the response.
 */
public final class RateLimitFilter extends HttpFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimiter rateLimiter;
    private final ErrorRenderer errors;
    private final RateLimitMetrics metrics;
    private final RouteBudget.Finder routes;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    public RateLimitFilter(RateLimiter rateLimiter, ErrorRenderer errors, RateLimitMetrics metrics,
            RouteBudget.Finder routes) {
        this.routes = routes;
        this.rateLimiter = rateLimiter;
        this.errors = errors;
        this.metrics = metrics;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApiKeyPrincipal key = ApiKeyPrincipal.of(contexts.getContext().getAuthentication());
        if (key != null) {
            RateLimitDecision decision;
            try {
                decision = rateLimiter.consume(key.key(), routes.of(request));
            } catch (DataAccessException unavailable) {
                // The account's plan could not be read (database down, account not cached).
                errors.write(request, response, ErrorCode.SERVICE_UNAVAILABLE, ErrorRenderer.UNAVAILABLE);
                return;
            }
            metrics.decided(decision);
            if (!write(decision, request, response, errors)) {
                log.debug("Refused by the {} budget of {} requests a minute", decision.policy(), decision.limit());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Writes the headers, and on refusal the 429; {@code true} when the request may go on. */
    public static boolean write(RateLimitDecision decision, HttpServletRequest request, HttpServletResponse response,
            ErrorRenderer errors) throws IOException {
        RateLimitHeaders.write(request, response, decision);
        if (!decision.allowed()) {
            errors.write(request, response, ErrorCode.RATE_LIMIT_EXCEEDED, "Rate limit exceeded",
                    decision.retryAfterSeconds());
        }
        return decision.allowed();
    }
}
