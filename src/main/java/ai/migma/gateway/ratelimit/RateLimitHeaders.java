package ai.migma.gateway.ratelimit;

import ai.migma.gateway.web.PreEncodedHeaders;
import ai.migma.gateway.web.PreEncodedHeaders.Name;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

    private static final byte[] WINDOW = bytes(";w=60");
    private static final byte[] SECONDS_LEFT = bytes(";t=");

    private RateLimitHeaders() {
    }

    /** The start of the two IETF values for one policy name: {@code "account";q=} and {@code "account";r=}. */
    private record PolicyText(byte[] quota, byte[] remaining) {

        private static final Map<String, PolicyText> KNOWN = Stream
                .of(RateLimitDecision.ACCOUNT, RateLimitDecision.KEY, RateLimitDecision.ROUTE,
                        RateLimitDecision.AUTH_FAILURES)
                .collect(Collectors.toUnmodifiableMap(Function.identity(), PolicyText::encode));

        static PolicyText of(String policy) {
            PolicyText known = KNOWN.get(policy);
            return known != null ? known : encode(policy);
        }

        private static PolicyText encode(String policy) {
            return new PolicyText(bytes('"' + policy + "\";q="), bytes('"' + policy + "\";r="));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, RateLimitDecision decision) {
        long resetSeconds = decision.resetSeconds();
        // Rounded up from the exact instant, so a client that waits until Reset finds the bucket full.
        long resetAt = RateLimitDecision.ceilSeconds(System.currentTimeMillis() * 1_000_000L + decision.nanosToReset());
        // Added, not set: a decision is written once per response.
        MimeHeaders table = PreEncodedHeaders.table(request);
        PolicyText policy = PolicyText.of(decision.policy());
        // Each value goes from figures to bytes in one array: these five are on every response of the API.
        PreEncodedHeaders.add(table, response, LIMIT, PreEncodedHeaders.ascii(decision.limit()));
        PreEncodedHeaders.add(table, response, REMAINING, PreEncodedHeaders.ascii(decision.remaining()));
        PreEncodedHeaders.add(table, response, RESET, PreEncodedHeaders.ascii(resetAt));
        PreEncodedHeaders.add(table, response, POLICY,
                PreEncodedHeaders.ascii(policy.quota(), decision.limit(), WINDOW, PreEncodedHeaders.NONE));
        PreEncodedHeaders.add(table, response, RATE_LIMIT,
                PreEncodedHeaders.ascii(policy.remaining(), decision.remaining(), SECONDS_LEFT, resetSeconds));
        if (!decision.allowed()) {
            response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        }
    }
}
