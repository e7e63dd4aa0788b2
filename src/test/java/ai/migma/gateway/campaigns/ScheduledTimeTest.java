package ai.migma.gateway.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.migma.gateway.support.UnitTest;
import ai.migma.gateway.web.ApiException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code scheduledAt} and {@code scheduledTimezone} of the SDK's {@code ScheduleCampaignParams}. */
@UnitTest
class ScheduledTimeTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void anInstantWithAnOffsetIsThatInstantWhateverTheTimezone() {
        assertThat(ScheduledTime.parse("2026-03-02T09:00:00Z", null, NOW))
                .isEqualTo(new ScheduledTime(Instant.parse("2026-03-02T09:00:00Z"), "UTC"));
        assertThat(ScheduledTime.parse("2026-03-02T09:00:00+09:00", "Europe/Paris", NOW))
                .isEqualTo(new ScheduledTime(Instant.parse("2026-03-02T00:00:00Z"), "Europe/Paris"));
    }

    @Test
    void aLocalTimeIsReadInTheTimezoneWithItsDaylightSavingTime() {
        assertThat(ScheduledTime.parse("2026-03-02T09:00", "Europe/Paris", NOW).at())
                .as("winter: UTC+1").isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
        assertThat(ScheduledTime.parse("2026-07-02T09:00:00", "Europe/Paris", NOW).at())
                .as("summer: UTC+2").isEqualTo(Instant.parse("2026-07-02T07:00:00Z"));
        assertThat(ScheduledTime.parse("2026-03-02T09:00:00", null, NOW).at())
                .as("UTC by default").isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
    }

    @Test
    void aLocalTimeInTheSpringGapMovesForwardByTheGap() {
        assertThat(ScheduledTime.parse("2026-03-29T02:30:00", "Europe/Paris", NOW).at())
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void rejectsATimeThatIsNotInTheFuture() {
        assertInvalid(() -> ScheduledTime.parse("2026-03-01T12:00:00Z", null, NOW), "must be in the future");
        // Later on the clock than now in UTC, but 12:30 in Tokyo was 03:30 UTC.
        assertInvalid(() -> ScheduledTime.parse("2026-03-01T12:30:00", "Asia/Tokyo", NOW),
                "must be in the future");
    }

    @Test
    void rejectsWhatIsNotADateTimeOrATimeZone() {
        assertInvalid(() -> ScheduledTime.parse(null, null, NOW), "scheduledAt is required");
        assertInvalid(() -> ScheduledTime.parse("2026-03-02", null, NOW), "must be an ISO-8601 date and time");
        assertInvalid(() -> ScheduledTime.parse("tomorrow", null, NOW), "must be an ISO-8601 date and time");
        assertInvalid(() -> ScheduledTime.parse("2026-03-02T09:00:00", "Atlantis/Lost", NOW), "IANA time zone");
        assertInvalid(() -> ScheduledTime.parse("2026-03-02T09:00:00", " ", NOW), "must not be blank");
        assertInvalid(() -> ScheduledTime.parse("+10000-01-01T00:00:00Z", null, NOW), "between years 1 and 9999");
    }

    private static void assertInvalid(Runnable parse, String message) {
        assertThatThrownBy(parse::run).isInstanceOf(ApiException.class).hasMessageContaining(message);
    }
}
