package io.telemetryflow.alerting;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.traces.DurationText;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The shared checks and renderings of rule fields: durations, label maps, numbers in reasons. */
final class RuleFields {

    static final int MAX_ENTRIES = 20;
    static final int MAX_KEY_LENGTH = 64;
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private RuleFields() {
    }

    /** A duration as text ({@code 5m}, {@code 30s}, a bare number of seconds), within {@code [min, max]}; absent gives {@code absent}. */
    static Duration duration(String field, String text, Duration absent, Duration min, Duration max) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        long nanos = DurationText.nanos(field, text, NANOS_PER_SECOND);
        if (nanos % NANOS_PER_SECOND != 0) {
            throw Rejected.invalid(field, field + " must be a whole number of seconds");
        }
        Duration duration = Duration.ofNanos(nanos);
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw Rejected.invalid(field, field + " must be between " + format(min) + " and " + format(max));
        }
        return duration;
    }

    /**
     * A map of labels or annotations: at most {@link #MAX_ENTRIES} entries, keys of 1 to {@link #MAX_KEY_LENGTH}
     * letters, digits, {@code _ . -} (not starting with a digit), values present and at most {@code maxValue}
     * characters. Errors name {@code field.<key>}.
     */
    static Map<String, String> entries(String field, Map<String, String> entries, int maxValue) {
        if (entries == null) {
            return Map.of();
        }
        if (entries.size() > MAX_ENTRIES) {
            throw Rejected.invalid(field, "at most " + MAX_ENTRIES + " " + field);
        }
        Map<String, String> checked = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String key = entry.getKey();
            if (key == null || key.length() > MAX_KEY_LENGTH || !KEY.matcher(key).matches()) {
                throw Rejected.invalid(field, field + " keys must be 1 to " + MAX_KEY_LENGTH
                        + " letters, digits, _ . or -, not starting with a digit or -");
            }
            String value = entry.getValue();
            if (value == null || value.length() > maxValue) {
                throw Rejected.invalid(field + "." + key, field + "." + key + " must be a string of at most " + maxValue + " characters");
            }
            checked.put(key, value);
        }
        return checked;
    }

    /** {@code 2m}, {@code 1h30m}, {@code 45s}, {@code 0s}: for messages and reasons. */
    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        append(text, seconds / 86_400, "d");
        append(text, seconds % 86_400 / 3600, "h");
        append(text, seconds % 3600 / 60, "m");
        append(text, seconds % 60, "s");
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }

    /** A value for a reason: at most 6 significant digits, no trailing zeros ({@code 0.93}, {@code 1500}, {@code 0.333333}). */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
