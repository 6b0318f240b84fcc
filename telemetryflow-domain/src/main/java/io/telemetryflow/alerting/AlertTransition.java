package io.telemetryflow.alerting;

import java.time.Instant;
import java.util.Map;

/** One change of an instance's state, with the value that caused it (null without data) and a human reason. */
public record AlertTransition(String fingerprint, Map<String, String> labels, AlertState from, AlertState to, Double value, String reason,
                             Instant at) {

    public AlertTransition {
        labels = Map.copyOf(labels);
    }
}
