package io.telemetryflow.telemetry.traces;

import io.telemetryflow.platform.error.Rejected;
import java.util.Locale;
import java.util.regex.Pattern;

/** A W3C/OTLP trace id: 32 hex digits, not all zero; kept in the stored form, lowercase. */
public record TraceId(String hex) {

    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    private static final String INVALID = "0".repeat(32);

    public TraceId {
        if (hex == null || !HEX32.matcher(hex).matches() || hex.equals(INVALID)) {
            throw Rejected.invalid("traceId", "traceId must be 32 hexadecimal digits (not all zero)");
        }
    }

    public static TraceId parse(String text) {
        return new TraceId(text == null ? null : text.strip().toLowerCase(Locale.ROOT));
    }
}
