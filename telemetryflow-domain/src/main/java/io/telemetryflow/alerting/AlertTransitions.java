package io.telemetryflow.alerting;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The transitions of one evaluation of one rule: the CDI event the evaluator fires and notifications observe. */
public record AlertTransitions(String tenantId, UUID ruleId, String ruleName, AlertSeverity severity, Map<String, String> ruleLabels,
                               Map<String, String> annotations, List<AlertTransition> transitions) {

    public AlertTransitions {
        ruleLabels = Map.copyOf(ruleLabels);
        annotations = Map.copyOf(annotations);
        transitions = List.copyOf(transitions);
    }
}
