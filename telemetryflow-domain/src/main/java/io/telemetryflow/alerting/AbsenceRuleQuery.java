package io.telemetryflow.alerting;

/**
 * Fires when {@code inner} (a {@link MetricRuleQuery} or a {@link LogRuleQuery}) has no data over the window: one
 * instance for the whole query (its group-by, if any, does not split the absence).
 */
public record AbsenceRuleQuery(RuleQuery inner) implements RuleQuery {
}
