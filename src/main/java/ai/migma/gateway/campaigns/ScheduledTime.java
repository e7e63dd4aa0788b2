package ai.migma.gateway.campaigns;

import ai.migma.gateway.web.ApiException;
import ai.migma.gateway.web.Fields;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * When a campaign is to be sent, from the SDK's {@code ScheduleCampaignParams}: {@code scheduledAt} with an offset
 * (or {@code Z}) is that instant; without one it is a wall-clock time in {@code scheduledTimezone} (an IANA id such
 * as {@code Europe/Paris}; UTC when not given), so "9:00 in Paris" stays 9:00 across a daylight-saving change.
 */
record ScheduledTime(Instant at, String timezone) {

    static final String DEFAULT_TIMEZONE = "UTC";

    static ScheduledTime parse(String scheduledAt, String scheduledTimezone, Instant now) {
        if (scheduledAt == null || scheduledAt.isBlank()) {
            throw ApiException.invalid("scheduledAt is required");
        }
        String timezone = scheduledTimezone == null ? DEFAULT_TIMEZONE
                : Fields.requireText("scheduledTimezone", scheduledTimezone, 64);
        ZoneId zone;
        try {
            zone = ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw ApiException.invalid("scheduledTimezone must be an IANA time zone such as Europe/Paris");
        }
        Instant at = Fields.checkInstant("scheduledAt", instant(scheduledAt.strip(), zone));
        if (!at.isAfter(now)) {
            throw ApiException.invalid("scheduledAt must be in the future");
        }
        return new ScheduledTime(at, timezone);
    }

    private static Instant instant(String text, ZoneId zone) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException noOffset) {
            try {
                // A local time that falls in a daylight-saving gap moves forward by the gap, as java.time does.
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.invalid("scheduledAt must be an ISO-8601 date and time such as "
                        + "2026-01-31T09:00:00Z, or 2026-01-31T09:00:00 with scheduledTimezone");
            }
        }
    }
}
