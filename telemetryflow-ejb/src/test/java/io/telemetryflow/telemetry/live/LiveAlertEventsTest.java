package io.telemetryflow.telemetry.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.alerting.AlertSeverity;
import io.telemetryflow.alerting.AlertState;
import io.telemetryflow.alerting.AlertTransition;
import io.telemetryflow.alerting.AlertTransitions;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LiveAlertEventsTest {

    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID RULE = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-12-06T20:41:48Z");

    @Test
    void firingAndResolvedTransitionsBecomeAlertEventsOfTheTenantAndTheRestIsNotAnnounced() {
        List<LiveEvent> events = LiveEvents.alerts(new AlertTransitions(TENANT.toString(), RULE, "High CPU", AlertSeverity.HIGH,
                Map.of("team", "payments"), Map.of("summary", "CPU"), List.of(
                transition("aaaaaaaaaaaaaaaa", AlertState.PENDING, AlertState.FIRING, 0.95),
                transition("bbbbbbbbbbbbbbbb", AlertState.NORMAL, AlertState.PENDING, 0.91),
                transition("cccccccccccccccc", AlertState.RECOVERING, AlertState.NORMAL, 0.5),
                transition("dddddddddddddddd", AlertState.NO_DATA, AlertState.NORMAL, null))));
        assertThat(events).hasSize(2).allSatisfy(event -> {
            assertThat(event.tenantId()).isEqualTo(TENANT);
            assertThat(event.channel()).isEqualTo(LiveChannel.ALERTS);
        });
        JsonObject firing = events.get(0).toJson();
        assertThat(firing.getString("type")).isEqualTo("alert:firing");
        assertThat(firing.getString("ruleId")).isEqualTo(RULE.toString());
        assertThat(firing.getString("ruleName")).isEqualTo("High CPU");
        assertThat(firing.getString("severity")).isEqualTo("high");
        assertThat(firing.getString("fingerprint")).isEqualTo("aaaaaaaaaaaaaaaa");
        assertThat(firing.getJsonObject("labels").getString("host.name")).isEqualTo("web-1");
        assertThat(firing.getJsonNumber("value").doubleValue()).isEqualTo(0.95);
        JsonObject resolved = events.get(1).toJson();
        assertThat(resolved.getString("type")).isEqualTo("alert:resolved");
        assertThat(resolved.getString("from")).isEqualTo("recovering");

        LiveEvent roundTrip = LiveEvent.fromJson(LiveChannel.ALERTS, firing);
        assertThat(roundTrip.toJson()).isEqualTo(firing);
        assertThat(roundTrip.select(LiveFilter.NONE)).containsSame(roundTrip);
    }

    private static AlertTransition transition(String fingerprint, AlertState from, AlertState to, Double value) {
        return new AlertTransition(fingerprint, Map.of("host.name", "web-1"), from, to, value, "because", AT);
    }
}
