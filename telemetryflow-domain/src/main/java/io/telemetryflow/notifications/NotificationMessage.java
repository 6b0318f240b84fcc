package io.telemetryflow.notifications;

import io.telemetryflow.alerting.AlertSeverity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One notification as the routing hands it to a channel: a group of alert instances of one rule that share
 * {@code groupKey}, and whether the group fires or resolved. Channels render it through their templates;
 * {@code test} marks the message a "send test" produced, so a receiver can tell it from a real alert.
 *
 * @param status {@code firing} or {@code resolved}
 * @param consoleUrl the console view of the rule's query and time range (absolute URL)
 */
public record NotificationMessage(String tenantId, String status, String groupKey, UUID ruleId, String ruleName,
                                  AlertSeverity severity, Map<String, String> commonLabels, Map<String, String> annotations,
                                  List<Alert> alerts, String consoleUrl, boolean test) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public NotificationMessage {
        commonLabels = commonLabels == null ? Map.of() : Map.copyOf(commonLabels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    /** Whether the group resolved (every instance back to normal). */
    public boolean resolved() {
        return RESOLVED.equals(status);
    }

    /**
     * One alert instance of the group.
     *
     * @param state the instance's state on the wire ({@code firing}, {@code normal}, ...)
     * @param endsAt when it resolved, null while it fires
     */
    public record Alert(String fingerprint, Map<String, String> labels, String state, Double value, Instant startsAt, Instant endsAt) {

        public Alert {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }
}
