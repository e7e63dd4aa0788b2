package ai.migma.gateway.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** "3 minutes ago": dates as the key table shows them, written on the server so the page needs no script. */
final class RelativeTime {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private RelativeTime() {
    }

    static String since(Instant then, Instant now) {
        if (then == null) {
            return "Never";
        }
        Duration elapsed = Duration.between(then, now);
        if (elapsed.isNegative() || elapsed.toSeconds() < 60) {
            return "Just now";
        }
        if (elapsed.toMinutes() < 60) {
            return plural(elapsed.toMinutes(), "minute") + " ago";
        }
        if (elapsed.toHours() < 24) {
            return plural(elapsed.toHours(), "hour") + " ago";
        }
        if (elapsed.toDays() < 30) {
            return plural(elapsed.toDays(), "day") + " ago";
        }
        return DATE.format(then);
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
