package io.telemetryflow.notifications;

import io.telemetryflow.platform.error.Rejected;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A recurring maintenance window: on each listed weekday, from {@code startTime} wall-clock time in {@code timeZone}
 * for {@code duration} of elapsed time, alerts matching the matchers (all alerts when there are none) are not notified.
 * DST: the start is the local time on that day as {@link ZonedDateTime#of} resolves it (a start inside a spring-forward
 * gap moves later by the gap; in an autumn overlap it is the first of the two instants), and the duration is real time,
 * so a 2 h window over a clock change still lasts 2 h.
 */
public record MaintenanceWindow(String name, Set<DayOfWeek> days, LocalTime startTime, Duration duration, ZoneId timeZone,
                                List<LabelMatcher> matchers) {

    public static final Duration MAX_DURATION = Duration.ofDays(7);
    public static final int MAX_NAME = 200;

    /** The JSON body, as sent: days as {@code mon..sun} (or full English names), startTime {@code HH:mm}, duration {@code 2h}, timeZone IANA. */
    public record Spec(String name, List<String> days, String startTime, String duration, String timeZone,
                       List<LabelMatcher.Spec> matchers) {

        public MaintenanceWindow parse() {
            String validName = TextField.required("name", name, MAX_NAME);
            if (days == null || days.isEmpty()) {
                throw Rejected.invalid("days", "days must list at least one weekday (mon, tue, wed, thu, fri, sat, sun)");
            }
            if (days.size() > 7) {
                throw Rejected.invalid("days", "days may list at most 7 weekdays");
            }
            Set<DayOfWeek> validDays = EnumSet.noneOf(DayOfWeek.class);
            for (int i = 0; i < days.size(); i++) {
                validDays.add(day("days[" + i + "]", days.get(i)));
            }
            if (startTime == null) {
                throw Rejected.invalid("startTime", "startTime is required (HH:mm)");
            }
            LocalTime start;
            try {
                start = LocalTime.parse(startTime.strip());
            } catch (DateTimeParseException e) {
                throw Rejected.invalid("startTime", "startTime must be a time of day HH:mm");
            }
            if (duration == null) {
                throw Rejected.invalid("duration", "duration is required, e.g. 2h");
            }
            Duration validDuration = DurationField.parse("duration", duration, null, Duration.ofMinutes(1), MAX_DURATION);
            if (timeZone == null || timeZone.length() > 64) {
                throw Rejected.invalid("timeZone", "timeZone is required: an IANA time zone such as Europe/Berlin");
            }
            ZoneId zone;
            try {
                zone = ZoneId.of(timeZone.strip());
            } catch (DateTimeException e) {
                throw Rejected.invalid("timeZone", "timeZone must be an IANA time zone such as Europe/Berlin");
            }
            return new MaintenanceWindow(validName, validDays, start, validDuration, zone, LabelMatcher.parseAll("matchers", matchers));
        }
    }

    public MaintenanceWindow {
        days = Set.copyOf(days);
        matchers = List.copyOf(matchers);
    }

    private static DayOfWeek day(String field, String text) {
        if (text != null) {
            String lower = text.strip().toLowerCase(Locale.ROOT);
            for (DayOfWeek day : DayOfWeek.values()) {
                String full = day.name().toLowerCase(Locale.ROOT);
                if (lower.equals(full) || lower.equals(full.substring(0, 3))) {
                    return day;
                }
            }
        }
        throw Rejected.invalid(field, field + " must be a weekday: mon, tue, wed, thu, fri, sat or sun");
    }

    public boolean isActive(Instant now) {
        ZonedDateTime local = now.atZone(timeZone);
        // A window that started on an earlier day may still be open: look back as many days as it can last.
        long lookBack = duration.toDays() + 1;
        for (long back = lookBack; back >= 0; back--) {
            LocalDate date = local.toLocalDate().minusDays(back);
            if (days.contains(date.getDayOfWeek())) {
                Instant start = ZonedDateTime.of(date, startTime, timeZone).toInstant();
                if (!now.isBefore(start) && now.isBefore(start.plus(duration))) {
                    return true;
                }
            }
        }
        return false;
    }

    public boolean mutes(Map<String, String> labels, Instant now) {
        return isActive(now) && LabelMatcher.all(matchers, labels);
    }

    /** The spec this window reads back as (days as three-letter names in week order). */
    public Spec spec() {
        List<String> dayNames = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            if (days.contains(day)) {
                dayNames.add(day.name().substring(0, 3).toLowerCase(Locale.ROOT));
            }
        }
        return new Spec(name, dayNames, startTime.toString(), DurationField.text(duration), timeZone.getId(), LabelMatcher.specs(matchers));
    }
}
