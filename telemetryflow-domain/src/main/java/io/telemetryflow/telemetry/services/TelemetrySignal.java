package io.telemetryflow.telemetry.services;

import io.telemetryflow.iam.Permission;
import io.telemetryflow.platform.error.Rejected;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A signal as {@code service_catalogue.signal} names it, with the permission that reads it. */
public enum TelemetrySignal {
    TRACES(Permission.TRACES_READ), LOGS(Permission.LOGS_READ), METRICS(Permission.METRICS_READ);

    private final Permission read;

    TelemetrySignal(Permission read) {
        this.read = read;
    }

    public Permission read() {
        return read;
    }

    public String signal() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The signal a request names, empty for "every signal"; anything else is a 400. */
    public static Optional<TelemetrySignal> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(values()).filter(signal -> signal.signal().equals(text.trim().toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> Rejected.invalid("signal", "signal must be traces, logs or metrics")));
    }
}
