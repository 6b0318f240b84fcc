package io.telemetryflow.notifications;

import io.telemetryflow.platform.error.Rejected;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration field of a notification body: {@code 30s}, {@code 5m}, {@code 4h}, {@code 1d}, {@code 500ms}, within bounds. */
final class DurationField {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private DurationField() {
    }

    static Duration parse(String field, String text, Duration fallback, Duration min, Duration max) {
        if (text == null) {
            return fallback;
        }
        Matcher matcher = TEXT.matcher(text.strip());
        if (!matcher.matches()) {
            throw Rejected.invalid(field, field + " must be a whole number with a unit (ms, s, m, h, d), e.g. 30s");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw Rejected.invalid(field, field + " must be between " + text(min) + " and " + text(max));
        }
        return duration;
    }

    /** The shortest text that {@link #parse} reads back as the same duration. */
    static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 86_400_000L == 0 && millis > 0) {
            return millis / 86_400_000L + "d";
        }
        if (millis % 3_600_000L == 0 && millis > 0) {
            return millis / 3_600_000L + "h";
        }
        if (millis % 60_000L == 0 && millis > 0) {
            return millis / 60_000L + "m";
        }
        if (millis % 1000L == 0) {
            return millis / 1000L + "s";
        }
        return millis + "ms";
    }
}
