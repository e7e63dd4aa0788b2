package ai.migma.gateway.ratelimit;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes a decision's figures: Migma's {@code X-RateLimit-*} (Reset in Unix seconds), the IETF
 * draft-ietf-httpapi-ratelimit-headers fields with the same figures ({@code t} in seconds from now), and
 * {@code Retry-After} on refusal.
 */
public final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    public static void write(HttpServletResponse response, RateLimitDecision decision) {
        long resetSeconds = decision.resetSeconds();
        // Rounded up from the exact instant, so a client that waits until Reset finds the bucket full.
        long resetAt = RateLimitDecision.ceilSeconds(System.currentTimeMillis() * 1_000_000L + decision.nanosToReset());
        String policy = '"' + decision.policy() + '"';
        response.setHeader("X-RateLimit-Limit", Long.toString(decision.limit()));
        response.setHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("X-RateLimit-Reset", Long.toString(resetAt));
        response.setHeader("RateLimit-Policy", policy + ";q=" + decision.limit() + ";w=60");
        response.setHeader("RateLimit", policy + ";r=" + decision.remaining() + ";t=" + resetSeconds);
        if (!decision.allowed()) {
            response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        }
    }
}
