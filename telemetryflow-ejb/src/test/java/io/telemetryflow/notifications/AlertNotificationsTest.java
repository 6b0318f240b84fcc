package io.telemetryflow.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.alerting.AlertSeverity;
import io.telemetryflow.alerting.AlertState;
import io.telemetryflow.alerting.AlertTransition;
import io.telemetryflow.alerting.AlertTransitions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertNotificationsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void anAlertIsMatchedByItsSeriesLabelsTheRuleLabelsOverThemItsNameAndSeverity() {
        AlertTransition transition = new AlertTransition("0123456789abcdef", Map.of("host.name", "web-1", "team", "series-team"),
                AlertState.PENDING, AlertState.FIRING, 0.95, "above 0.9", T0);
        AlertTransitions event = new AlertTransitions(UUID.randomUUID().toString(), UUID.randomUUID(), "High CPU", AlertSeverity.CRITICAL,
                Map.of("team", "payments"), Map.of("summary", "cpu"), List.of(transition));

        assertThat(AlertNotifications.alertLabels(event, transition)).isEqualTo(Map.of("host.name", "web-1", "team", "payments",
                "alertname", "High CPU", "severity", "critical"));
    }

    @Test
    void onlyStatesThatNeedAttentionAreNotifiedAsFiring() {
        assertThat(AlertNotifications.ATTENTION).containsExactlyInAnyOrder(AlertState.FIRING, AlertState.RECOVERING, AlertState.NO_DATA,
                AlertState.ERROR);
    }

    @Test
    void commonLabelsAreThoseEveryAlertSharesWithTheSameValue() {
        List<GroupAlert> alerts = List.of(
                new GroupAlert("a", Map.of("alertname", "High CPU", "host", "web-1", "team", "ops"), true, "firing", 1.0, T0, null),
                new GroupAlert("b", Map.of("alertname", "High CPU", "host", "web-2", "team", "ops"), true, "firing", 1.0, T0, null),
                new GroupAlert("c", Map.of("alertname", "High CPU", "team", "ops"), false, "normal", 0.1, T0, T0));
        assertThat(NotificationFlusher.commonLabels(alerts)).isEqualTo(Map.of("alertname", "High CPU", "team", "ops"));
    }
}
