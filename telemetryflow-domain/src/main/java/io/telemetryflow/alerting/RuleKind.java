package io.telemetryflow.alerting;

import io.telemetryflow.platform.error.Rejected;
import java.util.Locale;

/** What a rule watches: a metric series, a count of logs, a service's RED figures, or the absence of data. */
public enum RuleKind {
    METRIC, LOGS, TRACES, ABSENCE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RuleKind parse(String field, String text) {
        if (text != null) {
            for (RuleKind kind : values()) {
                if (kind.wire().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return kind;
                }
            }
        }
        throw Rejected.invalid(field, field + " must be one of metric, logs, traces, absence");
    }
}
