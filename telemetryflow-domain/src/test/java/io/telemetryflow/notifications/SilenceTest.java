package io.telemetryflow.notifications;

import static io.telemetryflow.notifications.LabelMatcherTest.assertField;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.notifications.LabelMatcher.Spec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SilenceTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final List<Spec> TEAM = List.of(new Spec("team", "=", "payments"));

    @Test
    void mutesMatchingAlertsOnlyWhileActive() {
        Silence silence = new Silence.Spec(TEAM, "2026-03-01T11:00:00Z", "2026-03-01T12:00:00Z", "deploy").parse(NOW);
        Map<String, String> payments = Map.of("team", "payments", "alertname", "High CPU");

        assertThat(silence.status(NOW)).isEqualTo(Silence.Status.PENDING);
        assertThat(silence.mutes(payments, NOW)).isFalse();
        assertThat(silence.mutes(payments, Instant.parse("2026-03-01T11:00:00Z"))).isTrue();
        assertThat(silence.mutes(Map.of("team", "search"), Instant.parse("2026-03-01T11:30:00Z"))).isFalse();
        assertThat(silence.mutes(payments, Instant.parse("2026-03-01T12:00:00Z"))).as("endsAt is exclusive").isFalse();
        assertThat(silence.status(Instant.parse("2026-03-01T12:00:00Z"))).isEqualTo(Silence.Status.EXPIRED);
    }

    @Test
    void aStartInThePastOrNoneStartsNow() {
        assertThat(new Silence.Spec(TEAM, null, "2026-03-01T12:00:00Z", null).parse(NOW).startsAt()).isEqualTo(NOW);
        assertThat(new Silence.Spec(TEAM, "2020-01-01T00:00:00Z", "2026-03-01T12:00:00Z", null).parse(NOW).startsAt()).isEqualTo(NOW);
    }

    @Test
    void expiringEndsItNow() {
        Silence active = new Silence.Spec(TEAM, null, "2026-03-01T12:00:00Z", null).parse(NOW);
        Instant later = NOW.plusSeconds(60);
        Silence expired = active.expire(later);
        assertThat(expired.endsAt()).isEqualTo(later);
        assertThat(expired.mutes(Map.of("team", "payments"), later)).isFalse();
        assertThat(expired.expire(later.plusSeconds(5))).isEqualTo(expired);

        Silence pending = new Silence.Spec(TEAM, "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", null).parse(NOW);
        Silence cancelled = pending.expire(NOW);
        assertThat(cancelled.status(NOW)).isEqualTo(Silence.Status.EXPIRED);
        assertThat(cancelled.startsAt()).isEqualTo(NOW);
    }

    @Test
    void rejectsBadSilencesNamingTheField() {
        assertField(() -> new Silence.Spec(null, null, "2026-03-01T12:00:00Z", null).parse(NOW), "matchers");
        assertField(() -> new Silence.Spec(List.of(new Spec("team", "=~", ".*")), null, "2026-03-01T12:00:00Z", null).parse(NOW), "matchers");
        assertField(() -> new Silence.Spec(TEAM, null, null, null).parse(NOW), "endsAt");
        assertField(() -> new Silence.Spec(TEAM, null, "tomorrow", null).parse(NOW), "endsAt");
        assertField(() -> new Silence.Spec(TEAM, "soon", "2026-03-01T12:00:00Z", null).parse(NOW), "startsAt");
        assertField(() -> new Silence.Spec(TEAM, null, "2026-03-01T09:00:00Z", null).parse(NOW), "endsAt");
        assertField(() -> new Silence.Spec(TEAM, null, "2028-03-01T09:00:00Z", null).parse(NOW), "endsAt");
        assertField(() -> new Silence.Spec(TEAM, null, "2026-03-01T12:00:00Z", "x".repeat(Silence.MAX_COMMENT + 1)).parse(NOW), "comment");
    }
}
