package io.telemetryflow.telemetry;

import io.telemetryflow.platform.error.Rejected;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The log levels of {@code otel_logs.severity_level}, lowest first. ClickHouse derives that column (migration V3) from
 * the severity number (1-4 TRACE … 21-24 FATAL) or, when the number is 0, from common spellings of the severity text;
 * {@link #of} applies the same rule to records the live tail sees before ClickHouse does. Filtering on the column also
 * finds records that only carry a text such as {@code warning}; records with neither have level {@code ''} and match
 * no severity filter.
 */
public enum SeverityLevel {
    TRACE(Set.of("TRACE", "FINEST", "FINER")),
    DEBUG(Set.of("DEBUG", "DBG", "FINE", "CONFIG")),
    INFO(Set.of("INFO", "INFORMATION", "INF", "NOTICE")),
    WARN(Set.of("WARN", "WARNING", "WRN")),
    ERROR(Set.of("ERROR", "ERR", "SEVERE")),
    FATAL(Set.of("FATAL", "CRITICAL", "CRIT", "ALERT", "EMERG", "EMERGENCY", "PANIC"));

    /** The key of a histogram count for records without a level. */
    public static final String UNSPECIFIED = "UNSPECIFIED";

    private final Set<String> spellings;

    SeverityLevel(Set<String> spellings) {
        this.spellings = spellings;
    }

    /** The level of a record; empty when neither its number (1..24) nor its text names one. */
    public static Optional<SeverityLevel> of(int severityNumber, String severityText) {
        if (severityNumber >= 1 && severityNumber <= 24) {
            return Optional.of(values()[(severityNumber - 1) / 4]);
        }
        String text = severityText == null ? "" : severityText.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(level -> level.spellings.contains(text)).findFirst();
    }

    /** A level named in a filter: exactly one of the names, any case. */
    public static Optional<SeverityLevel> named(String name) {
        return Arrays.stream(values()).filter(level -> level.name().equalsIgnoreCase(name == null ? "" : name.strip())).findFirst();
    }

    /** The level a request names in {@code field}; null for none (null or blank), a 400 for anything else. */
    public static SeverityLevel parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return named(text).orElseThrow(() -> Rejected.invalid(field, field + " must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL"));
    }

    /** This level and every higher one, as stored in {@code severity_level}. */
    public List<String> atOrAbove() {
        return Arrays.stream(values()).filter(level -> level.compareTo(this) >= 0).map(Enum::name).toList();
    }
}
