package io.telemetryflow.alerting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An alert instance as the API answers it: its rule, labels, state with reason and value, timers and acknowledgement. */
public record AlertInstanceView(UUID ruleId, String ruleName, String severity, String tenantId, String fingerprint, Map<String, String> labels,
                                String state, String reason, Double value, Instant stateSince, Instant pendingSince, Instant firingSince,
                                Instant lastEvaluatedAt, String acknowledgedBy, Instant acknowledgedAt, Map<String, String> annotations) {

    public record Page(List<AlertInstanceView> items, long total, int limit, int offset) {
    }

    /** One transition of the rule's history (ClickHouse alert_history), newest first. */
    public record HistoryEntry(String fingerprint, Map<String, String> labels, String from, String to, Double value, String reason, Instant at) {
    }

    public record History(List<HistoryEntry> items, long total, int limit, int offset) {
    }

    /**
     * How often the rule fired (transitions into firing, not counting a return from recovering) and how long firing
     * lasted until normal again, on average over the episodes that ended, in the retained history.
     */
    public record Stats(UUID ruleId, long firings, long resolved, Double meanTimeToResolveSeconds) {
    }
}
