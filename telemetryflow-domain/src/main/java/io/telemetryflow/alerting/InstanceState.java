package io.telemetryflow.alerting;

import java.time.Instant;

/**
 * What is kept per alert instance between evaluations: the state and since when, when the current breach started
 * pending and firing, the last breach, the last value, the human reason for the state and how many evaluations in a
 * row the series was missing.
 */
public record InstanceState(AlertState state, Instant stateSince, Instant pendingSince, Instant firingSince, Instant lastBreachAt,
                            Double value, String reason, int missingEvaluations) {

    /** A new instance: Normal since {@code at}. */
    public static InstanceState initial(Instant at) {
        return new InstanceState(AlertState.NORMAL, at, null, null, null, null, null, 0);
    }
}
