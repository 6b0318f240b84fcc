package io.telemetryflow.telemetry.traces;

import io.telemetryflow.platform.error.Rejected;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as a request gives it: a number with a unit ({@code 250ms}, {@code 1.5s}, {@code 2m}; units ns, us, µs,
 * ms, s, m, h) or a bare non-negative integer in the field's own unit (nanoseconds for span durations, seconds for a
 * chart step).
 */
public final class DurationText {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,9})?)\\s*(ns|us|µs|ms|s|m|h)");
    private static final Pattern BARE = Pattern.compile("\\d{1,19}");

    private DurationText() {
    }

    /** The duration in nanoseconds; a bare integer counts {@code bareUnitNanos} each. */
    public static long nanos(String field, String text, long bareUnitNanos) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (BARE.matcher(value).matches()) {
                return Math.multiplyExact(Long.parseLong(value), bareUnitNanos);
            }
            Matcher matcher = WITH_UNIT.matcher(value);
            if (matcher.matches()) {
                long unit = switch (matcher.group(2)) {
                    case "ns" -> 1L;
                    case "us", "µs" -> 1_000L;
                    case "ms" -> 1_000_000L;
                    case "s" -> 1_000_000_000L;
                    case "m" -> 60_000_000_000L;
                    default -> 3_600_000_000_000L;
                };
                return new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit)).longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw Rejected.invalid(field, field + " is out of range or not a whole number of nanoseconds");
        }
        throw Rejected.invalid(field, field + " must be a non-negative integer or a number with a unit (ns, us, ms, s, m, h), e.g. 250ms");
    }
}
