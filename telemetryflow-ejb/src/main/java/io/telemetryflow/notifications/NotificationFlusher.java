package io.telemetryflow.notifications;

import io.telemetryflow.alerting.AlertSeverity;
import io.telemetryflow.notifications.AggregationGroup.Flush;
import io.telemetryflow.notifications.AggregationGroup.Notification;
import io.telemetryflow.notifications.GroupStore.StoredGroup;
import io.telemetryflow.notifications.RoutingStore.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Flushes the aggregation groups that are due: one transaction per batch of groups, each locked with SKIP LOCKED so
 * the nodes of a cluster share the work and no group is flushed twice. Muting (silences, maintenance windows,
 * inhibition) is decided here, at flush time; a notification passes the per-rule cap or is recorded as dropped; one
 * queue message per channel of the policy carries it to {@link NotificationDelivery}.
 */
@ApplicationScoped
public class NotificationFlusher {

    private static final Logger LOG = Logger.getLogger(NotificationFlusher.class.getName());
    static final int BATCH = 100;
    static final String DROPPED_BY_CAP = "rate_limited";

    @Inject
    GroupStore groups;

    @Inject
    RoutingStore routing;

    @Inject
    NotificationQueue queue;

    @Inject
    @ConfigProperty(name = "telemetryflow.notifications.max-per-rule-per-hour", defaultValue = "10")
    int maxPerRulePerHour;

    @Inject
    @ConfigProperty(name = "telemetryflow.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    /** Flushes one batch of due groups; the number of groups it took (a full batch: call again). */
    @Transactional
    public int flushDue(Instant now) {
        List<StoredGroup> due = groups.dueLocked(now, BATCH);
        Map<UUID, Map<UUID, NotificationPolicy>> policies = new HashMap<>();
        Map<UUID, Muting> mutings = new HashMap<>();
        for (StoredGroup group : due) {
            NotificationPolicy policy = policies.computeIfAbsent(group.tenantId(), tenant -> AlertNotifications.policies(routing, tenant))
                    .get(group.policyId());
            if (policy == null) {
                groups.delete(group);   // its policy was deleted: nothing routes there any more
                continue;
            }
            Muting muting = mutings.computeIfAbsent(group.tenantId(), tenant -> muting(tenant, now));
            AggregationGroup state = group.state();
            // the policy's current timing applies, so an edited policy takes effect at the group's next flush
            AggregationGroup current = new AggregationGroup(policy.timing(), state.alerts(), state.nextFlushAt(), state.lastNotifiedAt(),
                    state.notifiedFiring());
            Flush flush = current.flush(now, alert -> muting.reason(new ActiveAlert(group.ruleId() + "/" + alert.fingerprint(),
                    alert.labels())).isPresent());
            if (flush.closed()) {
                groups.delete(group);
            } else {
                groups.save(group, group.ruleName(), group.severity(), group.annotations(), flush.next());
            }
            flush.notification().ifPresent(notification -> send(group, policy, notification, now));
        }
        return due.size();
    }

    private void send(StoredGroup group, NotificationPolicy policy, Notification notification, Instant now) {
        List<Instant> recent = groups.sentSinceLocked(group.tenantId(), group.ruleId(), now.minus(NotificationCap.WINDOW));
        boolean allowed = new NotificationCap(maxPerRulePerHour).allows(recent, notification.status(), now);
        UUID id = UUID.randomUUID();
        NotificationMessage message = message(group, notification);
        groups.insertSend(id, group, notification.status().wire(), AlertNotifications.fingerprints(notification.alerts()),
                policy.channelIds(), NotificationJson.write(message), now, allowed ? null : DROPPED_BY_CAP);
        if (!allowed) {
            LOG.info(() -> "notification " + id + " of rule " + group.ruleId() + " dropped: over " + maxPerRulePerHour + " per hour");
            return;
        }
        for (UUID channel : policy.channelIds()) {
            queue.send(id, channel);
        }
    }

    private NotificationMessage message(StoredGroup group, Notification notification) {
        List<NotificationMessage.Alert> alerts = notification.alerts().stream()
                .map(alert -> new NotificationMessage.Alert(alert.fingerprint(), alert.labels(), alert.state(), alert.value(),
                        alert.startsAt(), alert.endsAt()))
                .toList();
        return new NotificationMessage(group.tenantId().toString(), notification.status().wire(), group.groupKey(), group.ruleId(),
                group.ruleName(), AlertSeverity.valueOf(group.severity()), commonLabels(notification.alerts()), group.annotations(), alerts,
                publicUrl + "/alerts/rules/" + group.ruleId(), false);
    }

    /** The labels every alert of the notification has with the same value (Alertmanager's CommonLabels). */
    static Map<String, String> commonLabels(List<GroupAlert> alerts) {
        Map<String, String> common = new LinkedHashMap<>(alerts.get(0).labels());
        for (GroupAlert alert : alerts) {
            common.entrySet().removeIf(label -> !label.getValue().equals(alert.labels().get(label.getKey())));
        }
        return common;
    }

    private Muting muting(UUID tenant, Instant now) {
        List<Silence> silences = routing.activeSilences(tenant, now).stream()
                .map(row -> Silence.restore(NotificationJson.read(row.definition(), Silence.Spec.class))).toList();
        List<MaintenanceWindow> windows = routing.list(Kind.MAINTENANCE_WINDOW, tenant).stream()
                .map(row -> NotificationJson.read(row.definition(), MaintenanceWindow.Spec.class).parse()).toList();
        List<InhibitionRule> inhibitions = routing.list(Kind.INHIBITION_RULE, tenant).stream()
                .map(row -> NotificationJson.read(row.definition(), InhibitionRule.Spec.class).parse()).toList();
        return new Muting(silences, windows, inhibitions, inhibitions.isEmpty() ? List.of() : groups.firingAlerts(tenant), now);
    }
}
