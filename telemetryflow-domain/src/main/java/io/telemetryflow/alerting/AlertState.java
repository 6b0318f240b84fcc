package io.telemetryflow.alerting;

import java.util.Locale;

/**
 * The state of one alert instance (one series of one rule). NO_DATA and ERROR are only entered when the rule maps
 * no data or a failed query to its own state ({@link StateMapping#OWN_STATE}).
 */
public enum AlertState {
    NORMAL, PENDING, FIRING, RECOVERING, NO_DATA, ERROR;

    /** {@code normal}, {@code pending}, {@code firing}, {@code recovering}, {@code no_data}, {@code error}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state named by {@link #wire()}, or null for an unknown name. */
    public static AlertState ofWire(String text) {
        for (AlertState state : values()) {
            if (state.wire().equals(text)) {
                return state;
            }
        }
        return null;
    }
}
