package io.telemetryflow.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EvaluationTicksTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void aRulesTicksAreItsIntervalApartAtTheSameOffsetOnEveryCall() {
        UUID rule = UUID.fromString("6f1c2f3a-8d4e-4b0a-9c1d-2e3f4a5b6c7d");
        long offset = EvaluationTicks.offsetSeconds(rule, MINUTE);
        assertThat(offset).isBetween(0L, 59L).isEqualTo(EvaluationTicks.offsetSeconds(rule, MINUTE));
        Instant at = Instant.parse("2026-12-06T20:41:48.123Z");
        Instant latest = EvaluationTicks.latestAtOrBefore(rule, MINUTE, at);
        Instant next = EvaluationTicks.nextAfter(rule, MINUTE, at);
        assertThat(latest).isBeforeOrEqualTo(at).isAfter(at.minus(MINUTE));
        assertThat(Duration.between(latest, next)).isEqualTo(MINUTE);
        assertThat(latest.getEpochSecond() % 60).isEqualTo(offset);
        assertThat(EvaluationTicks.latestAtOrBefore(rule, MINUTE, latest)).as("a tick is its own latest tick").isEqualTo(latest);
        assertThat(EvaluationTicks.nextAfter(rule, MINUTE, latest)).as("the next tick is strictly later").isEqualTo(next);
    }

    @Test
    void aThousandRulesOfOneIntervalSpreadOverItsSeconds() {
        Set<Long> offsets = new HashSet<>();
        int[] perSecond = new int[60];
        for (int i = 0; i < 1000; i++) {
            long offset = EvaluationTicks.offsetSeconds(UUID.randomUUID(), MINUTE);
            offsets.add(offset);
            perSecond[(int) offset]++;
        }
        assertThat(offsets).as("every second of the minute has rules").hasSize(60);
        for (int count : perSecond) {
            assertThat(count).as("no second holds far more than its share of 1000/60").isLessThan(50);
        }
    }

    @Test
    void aOneSecondIntervalTicksEverySecond() {
        UUID rule = UUID.randomUUID();
        Instant at = Instant.parse("2026-12-06T20:41:48.600Z");
        assertThat(EvaluationTicks.offsetSeconds(rule, Duration.ofSeconds(1))).isZero();
        assertThat(EvaluationTicks.latestAtOrBefore(rule, Duration.ofSeconds(1), at)).isEqualTo(Instant.parse("2026-12-06T20:41:48Z"));
        assertThat(EvaluationTicks.nextAfter(rule, Duration.ofSeconds(1), at)).isEqualTo(Instant.parse("2026-12-06T20:41:49Z"));
    }
}
