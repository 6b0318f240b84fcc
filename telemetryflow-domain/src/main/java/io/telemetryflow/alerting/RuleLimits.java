package io.telemetryflow.alerting;

import java.time.Duration;
import java.util.Objects;

/** Operator bounds on rules: the shortest evaluation interval ({@code telemetryflow.alerting.min-interval}, default 10 s). */
public record RuleLimits(Duration minInterval) {

    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofSeconds(10);

    public RuleLimits {
        Objects.requireNonNull(minInterval, "minInterval");
        if (minInterval.isNegative() || minInterval.isZero() || minInterval.compareTo(AlertRuleSpec.MAX_SPAN) > 0) {
            throw new IllegalArgumentException("the minimum alert interval must be positive and at most " + AlertRuleSpec.MAX_SPAN);
        }
    }

    public static RuleLimits defaults() {
        return new RuleLimits(DEFAULT_MIN_INTERVAL);
    }
}
