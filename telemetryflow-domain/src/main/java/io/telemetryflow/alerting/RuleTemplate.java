package io.telemetryflow.alerting;

/** A ready-made rule: {@code category} is host, kubernetes, database, cache or load_balancer. */
public record RuleTemplate(String id, String category, String title, AlertRuleSpec spec) {
}
