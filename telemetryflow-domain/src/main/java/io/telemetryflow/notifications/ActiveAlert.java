package io.telemetryflow.notifications;

import java.util.Map;

/**
 * An alert instance as notifications see it: {@code key} is {@code ruleId/fingerprint} (a fingerprint is unique only
 * within its rule), {@code labels} the instance's labels with the rule's labels and {@code alertname}/{@code severity}.
 */
public record ActiveAlert(String key, Map<String, String> labels) {

    public ActiveAlert {
        labels = Map.copyOf(labels);
    }
}
