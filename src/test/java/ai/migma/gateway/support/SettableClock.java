package ai.migma.gateway.support;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when a test says so, as a {@link Clock} (what the gateway reads expiry and grace from)
 * and as a Bucket4j {@link TimeMeter} (what buckets refill by): time-dependent behaviour without sleeping.
 */
public final class SettableClock extends Clock implements TimeMeter {

    private volatile Instant now;

    public SettableClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a settable clock is UTC");
    }

    @Override
    public long currentTimeNanos() {
        Instant at = now;
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
