package io.telemetryflow.telemetry.logs;

import io.telemetryflow.platform.error.Rejected;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The severity levels of {@code otel_logs.severity_level}, lowest first. That column is derived from
 * {@code severity_number} (1-4 TRACE … 21-24 FATAL) or, when the number is 0, from common spellings of the text, so
 * filtering on it also finds records that only carry a text such as {@code warning}. Records with neither have level
 * {@code ''} and match no severity filter.
 */
public enum LogSeverity {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    /** The key of a histogram count for records without a level. */
    static final String UNSPECIFIED = "UNSPECIFIED";

    /** This level and every higher one, as stored in {@code severity_level}. */
    List<String> atOrAbove() {
        return Arrays.stream(values()).filter(level -> level.compareTo(this) >= 0).map(Enum::name).toList();
    }

    /** A level by name, case-insensitively; null or blank means no severity filter. */
    static LogSeverity parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid("severity", "severity must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL");
        }
    }
}
