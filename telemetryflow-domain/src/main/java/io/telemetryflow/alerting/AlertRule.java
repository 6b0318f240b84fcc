package io.telemetryflow.alerting;

import java.time.Duration;
import java.util.Map;

/** A validated rule ({@link AlertRuleSpec#parse}); what the evaluator, the preview and the state machine work with. */
public record AlertRule(String name, RuleKind kind, RuleQuery query, AlertCondition condition, Duration interval,
                        Duration evaluationDelay, StateMapping noData, StateMapping onError, int resolveMissingAfter,
                        Map<String, String> labels, Map<String, String> annotations, AlertSeverity severity, boolean enabled) {

    public AlertRule {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
