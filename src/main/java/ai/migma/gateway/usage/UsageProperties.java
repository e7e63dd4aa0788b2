package ai.migma.gateway.usage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Usage recording ({@code migma.usage.*}).
 *
 * @param enabled {@code false} records nothing (for benchmarks)
 * @param flushInterval how often counts held in memory are written; usage figures and lastUsedAt trail by this
 * @param maxBufferedEntries key-minutes held in memory at most; only a database outage can fill it (each flush
 *     empties it otherwise), and past it new key-minutes are dropped and counted in {@code migma.usage.dropped}
 */
@ConfigurationProperties("migma.usage")
public record UsageProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration flushInterval,
        @DefaultValue("1000000") int maxBufferedEntries) {
}
