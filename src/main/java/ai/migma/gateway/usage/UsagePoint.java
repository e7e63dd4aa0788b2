package ai.migma.gateway.usage;

import java.time.Instant;

/** Requests of one key in one period, by outcome. */
public record UsagePoint(Instant start, long requests, long success, long clientErrors, long forbidden,
        long rateLimited, long serverErrors) {
}
