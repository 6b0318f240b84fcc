package io.telemetryflow.notifications;

import io.telemetryflow.iam.Caller;
import io.telemetryflow.notifications.GroupStore.Attempt;
import io.telemetryflow.notifications.GroupStore.Dropped;
import io.telemetryflow.telemetry.TelemetryScopes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The notifications of one alert instance: every delivery attempt, and the notifications the per-rule cap dropped. */
@ApplicationScoped
@Transactional
public class NotificationAttempts {

    static final int LIMIT = 500;

    @Inject
    GroupStore groups;

    @Inject
    TelemetryScopes scopes;

    /** One attempt: {@code outcome} delivered | retrying | failed | dead_lettered. */
    public record AttemptView(UUID notificationId, String status, UUID channelId, int attempt, Instant at, String outcome, Integer statusCode,
                              String error) {

        static AttemptView of(Attempt attempt) {
            return new AttemptView(attempt.notificationId(), attempt.status(), attempt.channelId(), attempt.attempt(), attempt.at(),
                    attempt.outcome(), attempt.statusCode(), attempt.error());
        }
    }

    public record DroppedView(UUID notificationId, String status, Instant at, String reason) {

        static DroppedView of(Dropped dropped) {
            return new DroppedView(dropped.notificationId(), dropped.status(), dropped.at(), dropped.reason());
        }
    }

    public record InstanceNotifications(UUID ruleId, String fingerprint, List<AttemptView> attempts, List<DroppedView> dropped) {
    }

    public InstanceNotifications of(Caller caller, String tenantId, UUID ruleId, String fingerprint) {
        UUID tenant = scopes.resolve(caller, tenantId, NotificationRouting.READ).tenantId();
        return new InstanceNotifications(ruleId, fingerprint,
                groups.attempts(tenant, ruleId, fingerprint, LIMIT).stream().map(AttemptView::of).toList(),
                groups.dropped(tenant, ruleId, fingerprint, LIMIT).stream().map(DroppedView::of).toList());
    }
}
