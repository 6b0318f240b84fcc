package io.telemetryflow.notifications;

import java.time.Instant;
import java.util.Map;

/**
 * One alert instance inside an aggregation group, as last observed: {@code firing} (also for a recovering, no-data or
 * error instance, which still needs attention) or resolved at {@code endsAt}; {@code state} is the alert state's wire name.
 */
public record GroupAlert(String fingerprint, Map<String, String> labels, boolean firing, String state, Double value,
                         Instant startsAt, Instant endsAt) {

    public GroupAlert {
        labels = Map.copyOf(labels);
    }
}
