package ai.migma.gateway.ratelimit;

import ai.migma.gateway.web.PreEncodedHeaders;
import ai.migma.gateway.web.PreEncodedHeaders.Name;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.MimeHeaders;

/**
 * Writes a decision's figures: Migma's {@code X-RateLimit-*} (Reset in Unix seconds), the IETF
 * draft-ietf-httpapi-ratelimit-headers fields with the same figures ({@code t} in seconds from now), and
 * {@code Retry-After} on refusal.
 */
public final class RateLimitHeaders {

    private static final Name LIMIT = Name.of("X-RateLimit-Limit");
    private static final Name REMAINING = Name.of("X-RateLimit-Remaining");
    private static final Name RESET = Name.of("X-RateLimit-Reset");
    private static final Name POLICY = Name.of("RateLimit-Policy");
    private static final Name RATE_LIMIT = Name.of("RateLimit");

    private RateLimitHeaders() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, RateLimitDecision decision) {
        long resetSeconds = decision.resetSeconds();
        // Rounded up from the exact instant, so a client that waits until Reset finds the bucket full.
        long resetAt = RateLimitDecision.ceilSeconds(System.currentTimeMillis() * 1_000_000L + decision.nanosToReset());
        // Added, not set: a decision is written once per response.
        MimeHeaders table = PreEncodedHeaders.table(request);
        PreEncodedHeaders.add(table, response, LIMIT, Long.toString(decision.limit()));
        PreEncodedHeaders.add(table, response, REMAINING, Long.toString(decision.remaining()));
        PreEncodedHeaders.add(table, response, RESET, Long.toString(resetAt));
        PreEncodedHeaders.add(table, response, POLICY,
                '"' + decision.policy() + "\";q=" + decision.limit() + ";w=60");
        PreEncodedHeaders.add(table, response, RATE_LIMIT,
                '"' + decision.policy() + "\";r=" + decision.remaining() + ";t=" + resetSeconds);
        if (!decision.allowed()) {
            response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        }
    }
}
