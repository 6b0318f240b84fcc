package io.telemetryflow.notifications;

import io.telemetryflow.alerting.AlertState;
import io.telemetryflow.alerting.AlertTransition;
import io.telemetryflow.alerting.AlertTransitions;
import io.telemetryflow.notifications.GroupStore.StoredGroup;
import io.telemetryflow.notifications.RoutingStore.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Takes each evaluation's transitions into the notification state, inside the evaluation's transaction (so a rolled
 * back evaluation leaves no trace here either): an instance that needs attention (firing, recovering, no data, error)
 * joins the aggregation groups of the policies its labels route to; one that is back to normal (or pending) is
 * resolved in the groups that hold it. Sending is the flush's job ({@link NotificationFlusher}).
 */
@ApplicationScoped
public class AlertNotifications {

    /** The states a notification reports as firing; a rule maps no data and errors to these only when asked to. */
    static final Set<AlertState> ATTENTION = EnumSet.of(AlertState.FIRING, AlertState.RECOVERING, AlertState.NO_DATA, AlertState.ERROR);

    @Inject
    GroupStore groups;

    @Inject
    RoutingStore routing;

    void on(@Observes AlertTransitions event) {
        record(event, Instant.now());
    }

    void record(AlertTransitions event, Instant now) {
        UUID tenant = UUID.fromString(event.tenantId());
        Map<UUID, NotificationPolicy> policies = null;
        for (AlertTransition transition : event.transitions()) {
            boolean attention = ATTENTION.contains(transition.to());
            boolean hadAttention = transition.from() != null && ATTENTION.contains(transition.from());
            Map<String, String> labels = alertLabels(event, transition);
            if (attention) {
                if (policies == null) {
                    policies = policies(routing, tenant);
                }
                groups.alertFiring(tenant, event.ruleId(), transition.fingerprint(), labels, now);
                fire(event, tenant, policies, transition, labels, now);
            } else if (hadAttention) {
                groups.alertResolved(tenant, event.ruleId(), transition.fingerprint());
                resolve(event, tenant, transition, labels);
            }
        }
    }

    private void fire(AlertTransitions event, UUID tenant, Map<UUID, NotificationPolicy> policies, AlertTransition transition,
                      Map<String, String> labels, Instant now) {
        for (Map.Entry<UUID, NotificationPolicy> route : NotificationPolicy.route(policies, labels)) {
            NotificationPolicy policy = route.getValue();
            Map<String, String> groupLabels = policy.groupLabels(labels);
            String key = GroupKey.of(route.getKey(), event.ruleId(), groupLabels);
            StoredGroup group = groups.openLocked(tenant, key, route.getKey(), event.ruleId(), event.ruleName(), event.severity().name(),
                    groupLabels, event.annotations(), AggregationGroup.open(policy.timing(), now));
            GroupAlert known = group.state().alerts().get(transition.fingerprint());
            Instant startsAt = known != null && known.firing() ? known.startsAt() : transition.at();
            GroupAlert alert = new GroupAlert(transition.fingerprint(), labels, true, transition.to().wire(), transition.value(), startsAt, null);
            groups.save(group, event.ruleName(), event.severity().name(), event.annotations(), group.state().observe(alert));
        }
    }

    private void resolve(AlertTransitions event, UUID tenant, AlertTransition transition, Map<String, String> labels) {
        for (StoredGroup group : groups.ruleGroupsLocked(tenant, event.ruleId())) {
            GroupAlert known = group.state().alerts().get(transition.fingerprint());
            if (known != null) {
                GroupAlert resolved = new GroupAlert(transition.fingerprint(), labels, false, transition.to().wire(), transition.value(),
                        known.startsAt(), transition.at());
                groups.save(group, event.ruleName(), event.severity().name(), event.annotations(), group.state().observe(resolved));
            }
        }
    }

    /** The tenant's policies by id, as stored (validated when they were saved). */
    static Map<UUID, NotificationPolicy> policies(RoutingStore routing, UUID tenant) {
        Map<UUID, NotificationPolicy> policies = new LinkedHashMap<>();
        for (RoutingStore.Row row : routing.list(Kind.POLICY, tenant)) {
            policies.put(row.id(), NotificationJson.read(row.definition(), NotificationPolicy.Spec.class).parse());
        }
        return policies;
    }

    /**
     * The labels policies, silences and inhibition rules match: the series' labels, the rule's labels over them (as in
     * Prometheus), and {@code alertname} (the rule's name) and {@code severity}.
     */
    static Map<String, String> alertLabels(AlertTransitions event, AlertTransition transition) {
        Map<String, String> labels = new LinkedHashMap<>(transition.labels());
        labels.putAll(event.ruleLabels());
        labels.put("alertname", event.ruleName());
        labels.put("severity", event.severity().wire());
        return labels;
    }

    static List<String> fingerprints(List<GroupAlert> alerts) {
        return alerts.stream().map(GroupAlert::fingerprint).toList();
    }
}
