package io.telemetryflow.alerting;

import io.telemetryflow.tenancy.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * An alert rule as stored: its tenant, the accepted {@link AlertRuleSpec} as JSON and the columns the scheduler and the
 * list need without parsing it. The scheduling and evaluation columns are written in SQL only ({@link AlertScheduler},
 * {@link AlertEvaluator}), so they never move the optimistic-lock version a PUT compares.
 */
@Entity
@Table(name = "alert_rules")
public class StoredAlertRule extends AuditedEntity {

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String kind;

    @Column(nullable = false)
    private String severity;

    /** The spec as JSON (jsonb; the data source sends strings untyped, so PostgreSQL takes text for it). */
    @Column(nullable = false)
    private String spec;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "interval_seconds", nullable = false)
    private int intervalSeconds;

    @Column(name = "next_evaluation_at", nullable = false)
    private OffsetDateTime nextEvaluationAt;

    @Column(name = "evaluations", insertable = false, updatable = false)
    private long evaluations;

    @Column(name = "last_evaluated_at", insertable = false, updatable = false)
    private OffsetDateTime lastEvaluatedAt;

    @Column(name = "last_evaluation_lag_ms", insertable = false, updatable = false)
    private Long lastEvaluationLagMs;

    @Column(name = "last_query_ms", insertable = false, updatable = false)
    private Long lastQueryMs;

    @Column(name = "last_error", insertable = false, updatable = false)
    private String lastError;

    protected StoredAlertRule() {
    }

    StoredAlertRule(UUID tenantId, String actor, Instant now) {
        super(actor, now);
        this.tenantId = tenantId;
    }

    /**
     * Takes a validated rule and its spec; the next tick is recomputed when the interval or the enabled flag changed.
     * It never moves back to a tick the scheduler may have claimed (the next unclaimed one is read under the row lock,
     * {@code AlertRules}): that tick may have been sent already, and sending it again under the same duplicate-detection
     * id would make the broker refuse the scheduler's whole transaction.
     */
    void apply(AlertRule rule, String specJson, String actor, Instant now) {
        if (nextEvaluationAt == null || enabled != rule.enabled() || intervalSeconds != rule.interval().toSeconds()) {
            // the latest tick the scheduler may have claimed lies one (old) interval before the next unclaimed one
            Instant claimed = nextEvaluationAt == null ? now : nextEvaluationAt.toInstant().minusSeconds(intervalSeconds);
            Instant after = claimed.isAfter(now) ? claimed : now;
            this.nextEvaluationAt = EvaluationTicks.nextAfter(getId(), rule.interval(), after).atOffset(ZoneOffset.UTC);
        }
        this.name = rule.name();
        this.kind = rule.kind().wire();
        this.severity = rule.severity().wire();
        this.spec = specJson;
        this.enabled = rule.enabled();
        this.intervalSeconds = (int) rule.interval().toSeconds();
        touched(actor, now);
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public String getName() {
        return name;
    }

    public String getKind() {
        return kind;
    }

    public String getSeverity() {
        return severity;
    }

    public String getSpec() {
        return spec;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public long getEvaluations() {
        return evaluations;
    }

    public Instant getLastEvaluatedAt() {
        return lastEvaluatedAt == null ? null : lastEvaluatedAt.toInstant();
    }

    public Long getLastEvaluationLagMs() {
        return lastEvaluationLagMs;
    }

    public Long getLastQueryMs() {
        return lastQueryMs;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getNextEvaluationAt() {
        return nextEvaluationAt.toInstant();
    }
}
