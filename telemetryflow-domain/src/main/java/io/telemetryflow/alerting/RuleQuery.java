package io.telemetryflow.alerting;

/** The validated query of a rule: what the evaluator reads through the existing read API for every tick. */
public sealed interface RuleQuery permits MetricRuleQuery, LogRuleQuery, TraceRuleQuery, AbsenceRuleQuery {
}
