package io.telemetryflow.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.alerting.AlertSeverity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What PostgreSQL keeps as JSON reads back as it was written. */
class NotificationJsonTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void anAggregationGroupRoundTrips() {
        GroupTiming timing = new GroupTiming(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofHours(4), true);
        AggregationGroup group = AggregationGroup.open(timing, T0)
                .observe(new GroupAlert("0123456789abcdef", Map.of("host", "web-1"), true, "firing", 0.97, T0, null))
                .observe(new GroupAlert("fedcba9876543210", Map.of("host", "web-2"), true, "no_data", null, T0, null));
        AggregationGroup flushed = group.flush(T0.plusSeconds(2), alert -> false).next()
                .observe(new GroupAlert("fedcba9876543210", Map.of("host", "web-2"), false, "normal", 0.1, T0, T0.plusSeconds(3)));

        AggregationGroup read = NotificationJson.read(NotificationJson.write(flushed), AggregationGroup.class);

        assertThat(read).isEqualTo(flushed);
        assertThat(read.lastNotifiedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(read.notifiedFiring()).containsExactlyInAnyOrder("0123456789abcdef", "fedcba9876543210");
        assertThat(NotificationJson.read(NotificationJson.write(AggregationGroup.open(timing, T0)), AggregationGroup.class).lastNotifiedAt())
                .isNull();
    }

    @Test
    void aMessageAndTheDefinitionsRoundTrip() {
        NotificationMessage message = new NotificationMessage(UUID.randomUUID().toString(), "firing", "k", UUID.randomUUID(), "High CPU",
                AlertSeverity.HIGH, Map.of("alertname", "High CPU"), Map.of("summary", "cpu"),
                List.of(new NotificationMessage.Alert("0123456789abcdef", Map.of("host", "web-1"), "firing", 0.97, T0, null)),
                "http://localhost:8080/alerts/rules/x", false);
        assertThat(NotificationJson.read(NotificationJson.write(message), NotificationMessage.class)).isEqualTo(message);

        NotificationPolicy.Spec policy = new NotificationPolicy.Spec("p", 1, List.of(new LabelMatcher.Spec("team", "=~", "pay.*")),
                List.of(UUID.randomUUID().toString()), List.of("alertname", "host"), "2s", "5s", "1h", false, true, false).parse().spec();
        assertThat(NotificationJson.read(NotificationJson.write(policy), NotificationPolicy.Spec.class)).isEqualTo(policy);
        assertThat(NotificationJson.labels(NotificationJson.write(Map.of("a", "b", "c.d", "e")))).isEqualTo(Map.of("a", "b", "c.d", "e"));
    }
}
