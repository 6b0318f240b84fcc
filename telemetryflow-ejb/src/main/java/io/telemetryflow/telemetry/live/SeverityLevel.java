package io.telemetryflow.telemetry.live;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A log record's level as {@code otel_logs.severity_level} computes it (migration V3): from the severity number, or
 * from common spellings of the severity text when the number is 0. The live tail sees records before ClickHouse
 * computes that column, so it applies the same rule here.
 */
public enum SeverityLevel {
    TRACE(Set.of("TRACE", "FINEST", "FINER")),
    DEBUG(Set.of("DEBUG", "DBG", "FINE", "CONFIG")),
    INFO(Set.of("INFO", "INFORMATION", "INF", "NOTICE")),
    WARN(Set.of("WARN", "WARNING", "WRN")),
    ERROR(Set.of("ERROR", "ERR", "SEVERE")),
    FATAL(Set.of("FATAL", "CRITICAL", "CRIT", "ALERT", "EMERG", "EMERGENCY", "PANIC"));

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
        for (SeverityLevel level : values()) {
            if (level.spellings.contains(text)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /** A level named in a filter: exactly one of the names, any case. */
    public static Optional<SeverityLevel> named(String name) {
        for (SeverityLevel level : values()) {
            if (level.name().equalsIgnoreCase(name)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
