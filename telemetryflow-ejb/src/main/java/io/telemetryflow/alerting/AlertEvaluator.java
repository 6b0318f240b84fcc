package io.telemetryflow.alerting;

import io.telemetryflow.platform.clickhouse.ClickHouseWriteException;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.tenancy.TenantDirectory;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One evaluation of one rule at one tick, in the transaction of the queue delivery: moves the rule's {@code last_tick}
 * forward under its row lock (a tick that is not newer than the last one evaluated, a deleted or disabled rule: nothing
 * to do), reads the tick's {@link EvaluationWindow} through {@link RuleSamples} (a failed read is
 * {@link EvaluationInput#failed}, the rule's onError), runs the state machine over the stored instance states, stores the
 * new states, writes the transitions to ClickHouse {@code alert_history} and fires {@link AlertTransitions} (observed
 * in the same transaction: notifications, the live hub). The evaluation's lag (tick to stored state) and ClickHouse
 * time go to the rule's row and to {@link AlertingMetrics}.
 */
@ApplicationScoped
@Transactional
public class AlertEvaluator {

    private static final Logger LOG = Logger.getLogger(AlertEvaluator.class.getName());

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    RuleSamples samples;

    @Inject
    AlertHistory history;

    @Inject
    TenantDirectory tenants;

    @Inject
    AlertingSettings settings;

    @Inject
    AlertingMetrics metrics;

    @Inject
    Event<AlertTransitions> transitionsEvent;

    void evaluate(UUID ruleId, Instant tick) {
        int claimed = em.createNativeQuery("UPDATE alert_rules SET last_tick = ?1, evaluations = evaluations + 1 WHERE id = ?2 AND enabled "
                        + "AND deleted_at IS NULL AND (last_tick IS NULL OR last_tick < ?1)")
                .setParameter(1, Timestamp.from(tick)).setParameter(2, ruleId).executeUpdate();
        if (claimed == 0) {
            return;
        }
        StoredAlertRule stored = em.find(StoredAlertRule.class, ruleId);
        Optional<TenantPlacement> tenant = tenants.find(stored.getTenantId());
        if (tenant.isEmpty()) {
            return;   // the tenant is gone; its rules go with it
        }
        AlertRule rule;
        try {
            rule = AlertJson.spec(stored.getSpec()).parse(tick, settings.limits());
        } catch (Rejected e) {
            // valid when saved, but the operator's bounds changed since (a longer minimum interval)
            finish(ruleId, tick, Duration.ZERO, "the rule is no longer valid: " + e.getMessage());
            return;
        }
        EvaluationWindow window = EvaluationWindow.of(rule, tick);
        long started = System.nanoTime();
        EvaluationInput input;
        try {
            input = EvaluationInput.samples(samples.read(tenant.get(), rule.query(), window, Instant.now()));
        } catch (RuntimeException e) {
            input = EvaluationInput.failed(reason(e));
        }
        Duration query = Duration.ofNanos(System.nanoTime() - started);

        List<StoredAlertInstance> instances = em.createQuery("SELECT i FROM StoredAlertInstance i WHERE i.ruleId = :rule",
                StoredAlertInstance.class).setParameter("rule", ruleId).getResultList();
        Map<String, StoredAlertInstance> byFingerprint = new HashMap<>();
        Map<String, InstanceState> previous = new HashMap<>();
        Map<String, Map<String, String>> previousLabels = new HashMap<>();
        for (StoredAlertInstance instance : instances) {
            byFingerprint.put(instance.getFingerprint(), instance);
            previous.put(instance.getFingerprint(), instance.state());
            previousLabels.put(instance.getFingerprint(), instance.getLabels());
        }
        AlertEvaluation.Outcome outcome = AlertEvaluation.evaluate(rule, previous, previousLabels, input, tick);
        byFingerprint.forEach((fingerprint, instance) -> {
            if (!outcome.states().containsKey(fingerprint)) {
                em.remove(instance);
            }
        });
        outcome.states().forEach((fingerprint, state) -> {
            StoredAlertInstance instance = byFingerprint.get(fingerprint);
            if (instance == null) {
                instance = new StoredAlertInstance(ruleId, fingerprint, stored.getTenantId());
                em.persist(instance);
            }
            instance.update(state, outcome.labels().getOrDefault(fingerprint, Map.of()), tick);
        });
        em.flush();
        if (!outcome.transitions().isEmpty()) {
            try {
                history.write(stored.getTenantId(), ruleId, tick, outcome.transitions());
            } catch (ClickHouseWriteException e) {
                // the state is what alerting acts on; a history outage must not stop it (docs/alerting.md, "Evaluation")
                metrics.historyFailed();
                LOG.log(Level.WARNING, "Transitions of alert rule " + ruleId + " at " + tick + " not written to alert_history", e);
            }
            transitionsEvent.fire(new AlertTransitions(stored.getTenantId().toString(), ruleId, rule.name(), rule.severity(), rule.labels(),
                    rule.annotations(), outcome.transitions()));
        }
        Duration lag = finish(ruleId, tick, query, input.isFailed() ? input.error() : null);
        metrics.evaluated(input.isFailed(), lag, query);
    }

    /** Records the evaluation on the rule's row; the lag is measured here, when the state is written. */
    private Duration finish(UUID ruleId, Instant tick, Duration query, String error) {
        Instant now = Instant.now();
        Duration lag = Duration.between(tick, now);
        em.createNativeQuery("UPDATE alert_rules SET last_evaluated_at = ?1, last_evaluation_lag_ms = ?2, last_query_ms = ?3, last_error = ?4 "
                        + "WHERE id = ?5")
                .setParameter(1, Timestamp.from(now)).setParameter(2, lag.toMillis()).setParameter(3, query.toMillis())
                .setParameter(4, error == null ? null : AlertJson.cut(error, 1000)).setParameter(5, ruleId).executeUpdate();
        return lag;
    }

    static String reason(RuntimeException failure) {
        String message = failure.getMessage();
        return "query failed: " + (message == null || message.isBlank() ? failure.getClass().getSimpleName() : message);
    }
}
