package io.telemetryflow.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoredAlertRuleTest {

    private static final Instant NOW = Instant.parse("2026-12-06T21:00:00.250Z");
    private static final RuleLimits LIMITS = new RuleLimits(Duration.ofSeconds(1));

    @Test
    void aNewRuleIsFirstDueAtItsFirstTickAfterItWasSaved() {
        StoredAlertRule rule = new StoredAlertRule(UUID.randomUUID(), "dev@example.com", NOW);
        rule.apply(spec("1m", true).parse(NOW, LIMITS), "{}", "dev@example.com", NOW);
        assertThat(rule.getNextEvaluationAt()).isAfter(NOW).isBeforeOrEqualTo(NOW.plusSeconds(60))
                .isEqualTo(EvaluationTicks.nextAfter(rule.getId(), Duration.ofMinutes(1), NOW));
    }

    @Test
    void aChangeOfItsTextKeepsTheScheduleAndANewIntervalNeverReturnsToATickThatMayHaveBeenSent() {
        StoredAlertRule rule = new StoredAlertRule(UUID.randomUUID(), "dev@example.com", NOW);
        rule.apply(spec("1m", true).parse(NOW, LIMITS), "{}", "dev@example.com", NOW);
        Instant next = rule.getNextEvaluationAt();
        Instant later = NOW.plusSeconds(5);
        rule.apply(spec("1m", true).parse(later, LIMITS), "{\"name\":\"x\"}", "dev@example.com", later);
        assertThat(rule.getNextEvaluationAt()).as("same interval: unchanged").isEqualTo(next);

        // one hour: the tick before the next unclaimed one may have been sent; anything after it has not
        StoredAlertRule hourly = new StoredAlertRule(UUID.randomUUID(), "dev@example.com", NOW);
        hourly.apply(spec("1h", true).parse(NOW, LIMITS), "{}", "dev@example.com", NOW);
        Instant claimedBefore = hourly.getNextEvaluationAt().minus(Duration.ofHours(1));
        hourly.apply(spec("10s", true).parse(later, LIMITS), "{}", "dev@example.com", later);
        assertThat(hourly.getNextEvaluationAt()).isAfter(later).isAfter(claimedBefore).isBeforeOrEqualTo(later.plusSeconds(10));
    }

    @Test
    void aDisabledRuleReEnabledIsDueAfterNow() {
        StoredAlertRule rule = new StoredAlertRule(UUID.randomUUID(), "dev@example.com", NOW);
        rule.apply(spec("1m", false).parse(NOW, LIMITS), "{}", "dev@example.com", NOW);
        Instant dayLater = NOW.plus(Duration.ofDays(1));
        rule.apply(spec("1m", true).parse(dayLater, LIMITS), "{}", "dev@example.com", dayLater);
        assertThat(rule.isEnabled()).isTrue();
        assertThat(rule.getNextEvaluationAt()).isAfter(dayLater).isBeforeOrEqualTo(dayLater.plusSeconds(60));
    }

    private static AlertRuleSpec spec(String interval, boolean enabled) {
        return new AlertRuleSpec("cpu", "metric", new AlertRuleSpec.Query(null, "system.cpu.utilization", "avg", null, null, null, null, null,
                null, null), new AlertRuleSpec.Condition("gt", 0.9, null, null, "5m", null, null, null), interval, null, null, null, null, null,
                null, "high", enabled, null);
    }
}
