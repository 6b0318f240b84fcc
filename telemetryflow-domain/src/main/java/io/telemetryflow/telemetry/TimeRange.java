package io.telemetryflow.telemetry;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.time.StorableInstants;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The half-open interval {@code [from, to)} a telemetry query reads. Requests give each end as an ISO-8601 instant,
 * epoch milliseconds, {@code now}, or {@code now-<n><unit>} (units s, m, h, d); a relative end keeps a cached answer
 * reusable while "the last hour" slides. {@code relative} records whether either end was relative.
 */
public record TimeRange(Instant from, Instant to, boolean relative) {

    private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d{1,6})([smhd]))?");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{1,15}");

    public TimeRange {
        if (!from.isBefore(to)) {
            throw Rejected.invalid("from", "from must be before to");
        }
    }

    public static TimeRange of(Instant from, Instant to) {
        return new TimeRange(from, to, false);
    }

    /**
     * The range a request names, within the limits: {@code to} defaults to now, {@code from} to {@code to} minus the
     * default range; a range longer than the maximum is refused rather than cut, so no answer is silently partial.
     * Each end must lie within {@link StorableInstants}, checked before any arithmetic on it.
     */
    public static TimeRange parse(String from, String to, Instant now, QueryLimits limits) {
        Instant start = present(from) ? instant("from", from, now) : null;     // read first: a bad from is named first
        Instant end = present(to) ? instant("to", to, now) : now;
        if (start == null) {
            start = StorableInstants.require("from", end.minus(limits.defaultRange()));
        }
        boolean relative = isRelative(from) || isRelative(to) || !present(to);
        if (!start.isBefore(end)) {
            throw Rejected.invalid("from", "from must be before to");
        }
        if (Duration.between(start, end).compareTo(limits.maxRange()) > 0) {
            throw Rejected.invalid("from", "the time range may span at most " + limits.maxRange() + "; narrow it");
        }
        return new TimeRange(start, end, relative);
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** Whether data may still arrive for this range: its end lies within {@code freshness} of now or later. */
    public boolean isLive(Instant now, Duration freshness) {
        return to.isAfter(now.minus(freshness));
    }

    public long fromNanos() {
        return nanos(from);
    }

    public long toNanos() {
        return nanos(to);
    }

    /** The instant of a count of nanoseconds since the epoch (ClickHouse's {@code toUnixTimestamp64Nano}). */
    public static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static boolean isRelative(String value) {
        return value != null && value.trim().startsWith("now");
    }

    private static Instant instant(String field, String value, Instant now) {
        return StorableInstants.require(field, unchecked(field, value, now));
    }

    private static Instant unchecked(String field, String value, Instant now) {
        String text = value.trim();
        Matcher relative = RELATIVE.matcher(text);
        if (relative.matches()) {
            if (relative.group(1) == null) {
                return now;
            }
            long amount = Long.parseLong(relative.group(1));
            Duration unit = switch (relative.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        if (EPOCH_MILLIS.matcher(text).matches()) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw Rejected.invalid(field, field + " must be an ISO-8601 instant, epoch milliseconds, now or now-<n>[smhd]");
        }
    }
}
