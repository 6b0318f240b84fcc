package io.telemetryflow.alerting;

import io.telemetryflow.platform.error.Rejected;
import java.util.Locale;

/** How urgent a rule's alerts are; on the wire in lower case. */
public enum AlertSeverity {
    CRITICAL, HIGH, MEDIUM, LOW, INFO;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The severity a request names in {@code field}; a 400 naming the field for anything else (also for none). */
    public static AlertSeverity parse(String field, String text) {
        if (text != null) {
            for (AlertSeverity severity : values()) {
                if (severity.wire().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return severity;
                }
            }
        }
        throw Rejected.invalid(field, field + " must be one of critical, high, medium, low, info");
    }
}
