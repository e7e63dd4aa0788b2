package ai.migma.gateway.web;

import java.time.Instant;

/** The {@code metadata} object of every response envelope. */
public record Metadata(Instant timestamp, String requestId) {

    public static Metadata now(String requestId) {
        return new Metadata(Instant.now(), requestId);
    }
}
