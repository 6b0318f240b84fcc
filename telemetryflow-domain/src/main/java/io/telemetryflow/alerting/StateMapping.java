package io.telemetryflow.alerting;

import io.telemetryflow.platform.error.Rejected;
import java.util.Locale;

/**
 * What an instance does when its query returns no data ({@code noData}) or fails ({@code onError}):
 * <ul>
 * <li>{@code firing}: counts as a breach (so it goes through Pending for {@code pendingFor}, then fires);</li>
 * <li>{@code normal}: counts as a clear condition (a firing instance recovers);</li>
 * <li>{@code no_data} / {@code error} ({@link #OWN_STATE}): the instance enters the NO_DATA or ERROR state at once;</li>
 * <li>{@code keep_last}: the instance keeps its state and timers unchanged.</li>
 * </ul>
 */
public enum StateMapping {
    FIRING, NORMAL, OWN_STATE, KEEP_LAST;

    /** The wire name; {@link #OWN_STATE} is spelled as the state itself ({@code no_data} or {@code error}). */
    public String wire(AlertState own) {
        return this == OWN_STATE ? own.wire() : name().toLowerCase(Locale.ROOT);
    }

    /** The mapping a request names in {@code field}; null or blank gives {@code absent}. */
    static StateMapping parse(String field, String text, AlertState own, StateMapping absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        String name = text.strip().toLowerCase(Locale.ROOT);
        for (StateMapping mapping : values()) {
            if (mapping.wire(own).equals(name)) {
                return mapping;
            }
        }
        throw Rejected.invalid(field, field + " must be one of firing, normal, " + own.wire() + ", keep_last");
    }
}
