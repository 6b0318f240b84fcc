package io.telemetryflow.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.notifications.AggregationGroup.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationCapTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void allowsTenFiringNotificationsInAnySlidingHour() {
        NotificationCap cap = new NotificationCap(NotificationCap.DEFAULT_PER_HOUR);
        List<Instant> sent = new ArrayList<>();
        int allowed = 0;
        int dropped = 0;
        // one attempt a minute for an hour
        for (int minute = 0; minute < 60; minute++) {
            Instant at = NOW.plus(Duration.ofMinutes(minute));
            if (cap.allows(sent, Status.FIRING, at)) {
                sent.add(at);
                allowed++;
            } else {
                dropped++;
            }
        }
        assertThat(allowed).isEqualTo(10);
        assertThat(dropped).isEqualTo(50);
        assertThat(cap.allows(sent, Status.FIRING, NOW.plus(Duration.ofMinutes(59)))).isFalse();
        assertThat(cap.allows(sent, Status.FIRING, NOW.plus(Duration.ofMinutes(60)))).as("the first send left the window").isTrue();
    }

    @Test
    void aResolveIsAlwaysSent() {
        NotificationCap cap = new NotificationCap(1);
        assertThat(cap.allows(List.of(NOW.minusSeconds(5)), Status.FIRING, NOW)).isFalse();
        assertThat(cap.allows(List.of(NOW.minusSeconds(5)), Status.RESOLVED, NOW)).isTrue();
    }

    @Test
    void aCapBelowOneIsAProgrammingError() {
        assertThatThrownBy(() -> new NotificationCap(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
