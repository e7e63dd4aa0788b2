package ai.migma.gateway;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * UTC truncated to microseconds, PostgreSQL's resolution, so that a timestamp reads back as it was first shown.
 * Not {@code Clock.tick(systemUTC(), 1 µs)}: on Java 17 its {@code millis()} divides by zero for sub-millisecond
 * ticks.
 */
final class MicrosecondClock extends Clock {

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The gateway keeps time in UTC");
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    @Override
    public Instant instant() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
