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
        // Added, not set: a decision is written once per response, and setting makes Tomcat search every header
        // already there, case-insensitively, for one of the same name.
        response.addHeader("X-RateLimit-Limit", Long.toString(decision.limit()));
        response.addHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        response.addHeader("X-RateLimit-Reset", Long.toString(resetAt));
        response.addHeader("RateLimit-Policy", '"' + decision.policy() + "\";q=" + decision.limit() + ";w=60");
        response.addHeader("RateLimit", '"' + decision.policy() + "\";r=" + decision.remaining() + ";t=" + resetSeconds);
        if (!decision.allowed()) {
            response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        }
    }
}
