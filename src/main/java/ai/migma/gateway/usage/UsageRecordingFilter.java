package ai.migma.gateway.usage;

import ai.migma.gateway.apikey.ApiKeyPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Counts every authenticated request once its status is known, 429s of the rate-limit step included (it runs
 * inside this one). A request that ends in an exception counts as a server error.
 */
public final class UsageRecordingFilter extends HttpFilter {

    private final UsageRecorder usage;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    public UsageRecordingFilter(UsageRecorder usage) {
        this.usage = usage;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApiKeyPrincipal key = ApiKeyPrincipal.of(contexts.getContext().getAuthentication());
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        int status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            usage.record(key.keyId(), status);
        }
    }
}
