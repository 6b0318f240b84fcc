package io.telemetryflow.alerting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** One alert instance of a rule (a series, by the fingerprint of its labels) with its state-machine state. */
@Entity
@Table(name = "alert_instances")
@IdClass(StoredAlertInstance.Key.class)
public class StoredAlertInstance {

    /** The composite key: rule and fingerprint. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        UUID ruleId;
        String fingerprint;

        public Key() {
        }

        Key(UUID ruleId, String fingerprint) {
            this.ruleId = ruleId;
            this.fingerprint = fingerprint;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(ruleId, key.ruleId) && Objects.equals(fingerprint, key.fingerprint);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ruleId, fingerprint);
        }
    }

    @Id
    @Column(name = "rule_id")
    private UUID ruleId;

    @Id
    @Column(name = "fingerprint")
    private String fingerprint;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    /** The series' labels as a JSON object (jsonb). */
    @Column(nullable = false)
    private String labels;

    @Column(nullable = false)
    private String state;

    private String reason;

    private Double value;

    @Column(name = "state_since", nullable = false)
    private OffsetDateTime stateSince;

    @Column(name = "pending_since")
    private OffsetDateTime pendingSince;

    @Column(name = "firing_since")
    private OffsetDateTime firingSince;

    @Column(name = "last_breach_at")
    private OffsetDateTime lastBreachAt;

    @Column(name = "missing_evaluations", nullable = false)
    private int missingEvaluations;

    @Column(name = "last_evaluated_at", nullable = false)
    private OffsetDateTime lastEvaluatedAt;

    @Column(name = "acknowledged_by")
    private String acknowledgedBy;

    @Column(name = "acknowledged_at")
    private OffsetDateTime acknowledgedAt;

    protected StoredAlertInstance() {
    }

    StoredAlertInstance(UUID ruleId, String fingerprint, UUID tenantId) {
        this.ruleId = ruleId;
        this.fingerprint = fingerprint;
        this.tenantId = tenantId;
    }

    /** The state after an evaluation at {@code at}; a new firing (or a return to normal) clears an acknowledgement. */
    void update(InstanceState next, Map<String, String> seriesLabels, Instant at) {
        AlertState before = state == null ? null : AlertState.valueOf(state);
        if (before != next.state() && (next.state() == AlertState.FIRING || next.state() == AlertState.NORMAL)) {
            acknowledgedBy = null;
            acknowledgedAt = null;
        }
        this.labels = AlertJson.labels(seriesLabels);
        this.state = next.state().name();
        this.reason = next.reason() == null ? null : AlertJson.cut(next.reason(), 1000);
        this.value = next.value() == null || !Double.isFinite(next.value()) ? null : next.value();
        this.stateSince = utc(next.stateSince());
        this.pendingSince = utc(next.pendingSince());
        this.firingSince = utc(next.firingSince());
        this.lastBreachAt = utc(next.lastBreachAt());
        this.missingEvaluations = next.missingEvaluations();
        this.lastEvaluatedAt = utc(at);
    }

    void acknowledge(String actor, Instant at) {
        this.acknowledgedBy = actor;
        this.acknowledgedAt = utc(at);
    }

    InstanceState state() {
        return new InstanceState(AlertState.valueOf(state), instant(stateSince), instant(pendingSince), instant(firingSince),
                instant(lastBreachAt), value, reason, missingEvaluations);
    }

    public UUID getRuleId() {
        return ruleId;
    }

    public String getFingerprint() {
        return fingerprint;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public Map<String, String> getLabels() {
        return AlertJson.labels(labels);
    }

    public AlertState getState() {
        return AlertState.valueOf(state);
    }

    public Instant getLastEvaluatedAt() {
        return instant(lastEvaluatedAt);
    }

    public String getAcknowledgedBy() {
        return acknowledgedBy;
    }

    public Instant getAcknowledgedAt() {
        return instant(acknowledgedAt);
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
