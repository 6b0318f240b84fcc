package io.telemetryflow.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.notifications.LabelMatcher.Spec;
import io.telemetryflow.notifications.Muting.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MutingTest {

    private static final Instant SUNDAY_NOON = Instant.parse("2026-01-04T12:00:00Z");

    @Test
    void namesTheFirstReasonAnAlertIsMuted() {
        Silence silence = new Silence.Spec(List.of(new Spec("team", "=", "payments")), null, "2026-01-05T00:00:00Z", null).parse(SUNDAY_NOON);
        MaintenanceWindow window = new MaintenanceWindow.Spec("sunday db", List.of("sun"), "00:00", "1d", "UTC",
                List.of(new Spec("service", "=", "postgres"))).parse();
        InhibitionRule inhibition = new InhibitionRule.Spec("node down", List.of(new Spec("alertname", "=", "NodeDown")),
                List.of(new Spec("severity", "=", "low")), List.of("host")).parse();
        ActiveAlert nodeDown = new ActiveAlert("r1/x", Map.of("alertname", "NodeDown", "host", "h1"));
        Muting muting = new Muting(List.of(silence), List.of(window), List.of(inhibition), List.of(nodeDown), SUNDAY_NOON);

        assertThat(muting.reason(new ActiveAlert("r2/a", Map.of("team", "payments", "service", "postgres")))).contains(Reason.SILENCED);
        assertThat(muting.reason(new ActiveAlert("r2/b", Map.of("service", "postgres")))).contains(Reason.MAINTENANCE);
        assertThat(muting.reason(new ActiveAlert("r2/c", Map.of("severity", "low", "host", "h1")))).contains(Reason.INHIBITED);
        assertThat(muting.reason(new ActiveAlert("r2/d", Map.of("severity", "low", "host", "h2")))).isEqualTo(Optional.empty());
        assertThat(muting.reason(nodeDown)).isEqualTo(Optional.empty());
    }
}
