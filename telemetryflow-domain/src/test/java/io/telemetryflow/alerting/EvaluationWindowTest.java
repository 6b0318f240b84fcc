package io.telemetryflow.alerting;

import static io.telemetryflow.alerting.RuleFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EvaluationWindowTest {

    private static final Instant TICK = Instant.parse("2026-12-06T12:03:17.250Z");

    @Test
    void aWholeMinuteRuleReadsTheWholeMinutesBeforeItsTick() {
        EvaluationWindow window = EvaluationWindow.of(rule(r -> { }), TICK);
        assertThat(window).isEqualTo(new EvaluationWindow(Instant.parse("2026-12-06T11:58:00Z"), Instant.parse("2026-12-06T12:03:00Z"),
                Duration.ofMinutes(1)));
    }

    @Test
    void theDelayComesOffBeforeTheMinuteIsRoundedDown() {
        EvaluationWindow window = EvaluationWindow.of(rule(r -> r.evaluationDelay = "30s"), TICK);
        assertThat(window.to()).isEqualTo(Instant.parse("2026-12-06T12:02:00Z"));
        assertThat(window.from()).isEqualTo(Instant.parse("2026-12-06T11:57:00Z"));
    }

    @Test
    void rulesTickingWithinOneMinuteShareTheirWindow() {
        AlertRule rule = rule(r -> { });
        assertThat(EvaluationWindow.of(rule, Instant.parse("2026-12-06T12:03:00Z")))
                .isEqualTo(EvaluationWindow.of(rule, Instant.parse("2026-12-06T12:03:59.999Z")))
                .isNotEqualTo(EvaluationWindow.of(rule, Instant.parse("2026-12-06T12:04:00Z")));
    }

    @Test
    void aSubMinuteWindowOrIntervalEndsExactlyDelayBeforeTheTick() {
        EvaluationWindow seconds = EvaluationWindow.of(rule(r -> {
            r.interval = "30s";
            r.window = "90s";
            r.evaluationDelay = "5s";
        }), TICK);
        assertThat(seconds).isEqualTo(new EvaluationWindow(TICK.minusSeconds(95), TICK.minusSeconds(5), Duration.ofSeconds(30)));
        assertThat(EvaluationWindow.of(rule(r -> r.window = "150s"), TICK).to()).isEqualTo(TICK);
    }

    @Test
    void theStepIsTheIntervalAtMostTheWindow() {
        assertThat(EvaluationWindow.of(rule(r -> r.interval = "10m"), TICK).step()).isEqualTo(Duration.ofMinutes(5));
        assertThat(EvaluationWindow.of(rule(r -> r.window = "1h"), TICK).step()).isEqualTo(Duration.ofMinutes(1));
    }
}
