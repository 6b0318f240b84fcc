package io.telemetryflow.notifications;

import static io.telemetryflow.notifications.LabelMatcherTest.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {

    private static MaintenanceWindow window(List<String> days, String start, String duration, String zone) {
        return new MaintenanceWindow.Spec("patching", days, start, duration, zone, null).parse();
    }

    private static boolean activeAt(MaintenanceWindow window, String instant) {
        return window.isActive(Instant.parse(instant));
    }

    @Test
    void weeklyWindowOpensOnItsDaysInItsZone() {
        // Sundays 02:00-04:00 in New York (EST, UTC-5, in January).
        MaintenanceWindow sunday = window(List.of("sun"), "02:00", "2h", "America/New_York");
        assertThat(activeAt(sunday, "2026-01-04T06:59:59Z")).isFalse();
        assertThat(activeAt(sunday, "2026-01-04T07:00:00Z")).isTrue();
        assertThat(activeAt(sunday, "2026-01-04T08:59:59Z")).isTrue();
        assertThat(activeAt(sunday, "2026-01-04T09:00:00Z")).isFalse();
        assertThat(activeAt(sunday, "2026-01-05T07:30:00Z")).as("a Monday").isFalse();
    }

    @Test
    void theStartFollowsTheLocalClockAcrossDaylightSavingTime() {
        // 09:00 Berlin is 08:00Z in winter (CET) and 07:00Z in summer (CEST); the clocks went forward on 2026-03-29.
        MaintenanceWindow daily = window(List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "09:00", "30m", "Europe/Berlin");
        assertThat(activeAt(daily, "2026-03-28T08:10:00Z")).isTrue();
        assertThat(activeAt(daily, "2026-03-28T07:10:00Z")).isFalse();
        assertThat(activeAt(daily, "2026-03-29T07:10:00Z")).isTrue();
        assertThat(activeAt(daily, "2026-03-29T08:10:00Z")).isFalse();
        // and back on 2026-10-25
        assertThat(activeAt(daily, "2026-10-24T07:10:00Z")).isTrue();
        assertThat(activeAt(daily, "2026-10-25T08:10:00Z")).isTrue();
        assertThat(activeAt(daily, "2026-10-25T07:10:00Z")).isFalse();
    }

    @Test
    void aStartInTheSpringGapMovesLaterAndTheDurationIsElapsedTime() {
        // 02:30 does not exist in Berlin on 2026-03-29 (02:00 -> 03:00): the window starts at 03:30 CEST = 01:30Z.
        MaintenanceWindow gap = window(List.of("sun"), "02:30", "1h", "Europe/Berlin");
        assertThat(activeAt(gap, "2026-03-29T01:29:59Z")).isFalse();
        assertThat(activeAt(gap, "2026-03-29T01:30:00Z")).isTrue();
        assertThat(activeAt(gap, "2026-03-29T02:29:59Z")).isTrue();
        assertThat(activeAt(gap, "2026-03-29T02:30:00Z")).isFalse();
        // 01:00-04:00 local over the autumn change is 01:00 CEST (23:00Z) plus 3 h of real time: 02:00Z, 03:00 CET.
        MaintenanceWindow overNight = window(List.of("sun"), "01:00", "3h", "Europe/Berlin");
        assertThat(activeAt(overNight, "2026-10-24T23:00:00Z")).isTrue();
        assertThat(activeAt(overNight, "2026-10-25T01:59:59Z")).isTrue();
        assertThat(activeAt(overNight, "2026-10-25T02:00:00Z")).isFalse();
    }

    @Test
    void aWindowOverMidnightAndAcrossDaysStaysOpenFromThePreviousDay() {
        MaintenanceWindow friday = window(List.of("friday"), "22:00", "2d", "UTC");
        assertThat(activeAt(friday, "2026-01-02T21:59:59Z")).isFalse();
        assertThat(activeAt(friday, "2026-01-03T12:00:00Z")).isTrue();
        assertThat(activeAt(friday, "2026-01-04T21:59:59Z")).isTrue();
        assertThat(activeAt(friday, "2026-01-04T22:00:00Z")).isFalse();
    }

    @Test
    void matchersNarrowWhatItMutes() {
        MaintenanceWindow db = new MaintenanceWindow.Spec("db", List.of("sun"), "00:00", "1d", "UTC",
                List.of(new LabelMatcher.Spec("service", "=~", "postgres.*"))).parse();
        Instant sunday = Instant.parse("2026-01-04T12:00:00Z");
        assertThat(db.mutes(Map.of("service", "postgres-main"), sunday)).isTrue();
        assertThat(db.mutes(Map.of("service", "checkout"), sunday)).isFalse();
        assertThat(db.spec().days()).containsExactly("sun");
        assertThat(db.spec().duration()).isEqualTo("1d");
    }

    @Test
    void rejectsBadWindowsNamingTheField() {
        assertField(() -> new MaintenanceWindow.Spec(null, List.of("sun"), "02:00", "1h", "UTC", null).parse(), "name");
        assertField(() -> window(List.of(), "02:00", "1h", "UTC"), "days");
        assertField(() -> window(List.of("sun", "someday"), "02:00", "1h", "UTC"), "days[1]");
        assertField(() -> window(List.of("sun"), "25:00", "1h", "UTC"), "startTime");
        assertField(() -> window(List.of("sun"), null, "1h", "UTC"), "startTime");
        assertField(() -> window(List.of("sun"), "02:00", "8d", "UTC"), "duration");
        assertField(() -> window(List.of("sun"), "02:00", "soon", "UTC"), "duration");
        assertField(() -> window(List.of("sun"), "02:00", "1h", "Mars/Olympus"), "timeZone");
        assertField(() -> window(List.of("sun"), "02:00", "1h", null), "timeZone");
    }
}
