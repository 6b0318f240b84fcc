package io.telemetryflow.telemetry;

import io.telemetryflow.platform.error.Rejected;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bucket width of a chart over a {@link TimeRange}, in seconds: as a request gives it ({@code 90}, {@code 30s},
 * {@code 5m}, {@code 1h}, {@code 1d}), or a round default. Buckets are aligned to the epoch, so charts of similar ranges
 * share bucket boundaries. Used by the metric series and the log volume histogram; each caller bounds the number of
 * buckets itself.
 */
public final class Step {

    /** Steps a default is chosen from. */
    static final long[] ROUND_SECONDS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};

    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})([smhd]?)");

    private Step() {
    }

    /** A step a request names; a 400 on {@code step} unless it is a positive whole number of seconds. */
    public static long seconds(String text) {
        Matcher matcher = TEXT.matcher(text.strip());
        long seconds = matcher.matches() ? Long.parseLong(matcher.group(1)) * switch (matcher.group(2)) {
            case "m" -> 60L;
            case "h" -> 3600L;
            case "d" -> 86_400L;
            default -> 1L;
        } : 0;
        if (seconds < 1) {
            throw Rejected.invalid("step", "step must be a positive number of seconds, or a number with s, m, h or d (30s, 5m, 1h)");
        }
        return seconds;
    }

    /** The smallest round step giving the range at most {@code targetBuckets} buckets (beyond a day: the exact quotient). */
    public static long rounded(TimeRange range, int targetBuckets) {
        long rangeSeconds = Math.max(1, (range.length().toMillis() + 999) / 1000);
        long wanted = (rangeSeconds + targetBuckets - 1) / targetBuckets;
        for (long round : ROUND_SECONDS) {
            if (round >= wanted) {
                return round;
            }
        }
        return wanted;
    }

    /** How many epoch-aligned buckets of {@code stepSeconds} the range touches. */
    public static long buckets(TimeRange range, long stepSeconds) {
        long stepMillis = stepSeconds * 1000;
        long first = Math.floorDiv(range.from().toEpochMilli(), stepMillis);
        long last = Math.floorDiv(Math.floorDiv(range.toNanos() - 1, 1_000_000L), stepMillis);
        return last - first + 1;
    }
}
