package io.telemetryflow.alerting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A rule as the API answers it: the spec as accepted, with its id, tenant, version (send it back with a PUT), who
 * changed it when, how many of its instances are in each state, and its last evaluation.
 */
public record AlertRuleView(UUID id, String tenantId, long version, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy,
                            String name, String kind, AlertRuleSpec.Query query, AlertRuleSpec.Condition condition, String interval,
                            String evaluationDelay, String noData, String onError, Integer resolveMissingAfter, Map<String, String> labels,
                            Map<String, String> annotations, String severity, Boolean enabled, Map<String, Long> instances,
                            Evaluation evaluation) {

    /** The scheduler's and the evaluator's view: evaluations so far, the last one's lag and ClickHouse time, its error. */
    public record Evaluation(long evaluations, Instant lastEvaluatedAt, Long lastLagMs, Long lastQueryMs, String lastError,
                             Instant nextEvaluationAt) {
    }

    /** A page of rules. */
    public record Page(List<AlertRuleView> items, long total, int limit, int offset) {
    }

    static AlertRuleView of(StoredAlertRule rule, Map<String, Long> instances) {
        AlertRuleSpec spec = AlertJson.spec(rule.getSpec());
        return new AlertRuleView(rule.getId(), rule.getTenantId().toString(), rule.getVersion(), rule.getCreatedAt(), rule.getCreatedBy(),
                rule.getUpdatedAt(), rule.getUpdatedBy(), spec.name(), spec.kind(), spec.query(), spec.condition(), spec.interval(),
                spec.evaluationDelay(), spec.noData(), spec.onError(), spec.resolveMissingAfter(), spec.labels(), spec.annotations(),
                spec.severity(), rule.isEnabled(), instances,
                new Evaluation(rule.getEvaluations(), rule.getLastEvaluatedAt(), rule.getLastEvaluationLagMs(), rule.getLastQueryMs(),
                        rule.getLastError(), rule.isEnabled() ? rule.getNextEvaluationAt() : null));
    }
}
