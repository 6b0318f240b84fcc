package io.telemetryflow.alerting;

import java.time.Duration;
import java.time.Instant;

/**
 * What one evaluation of a rule at a tick reads: {@code [from, to)} at {@code step}. The window ends {@code evaluationDelay}
 * before the tick; for a rule whose interval and window are whole minutes it ends at the last whole minute before that
 * (the minute still being written is left to the next tick, as New Relic's and Datadog's monitors evaluate whole
 * aggregation windows). Whole minutes let the read use the per-minute aggregates ({@code otel_metrics_gauge_1m}) instead
 * of raw rows, and give every rule with the same query evaluated in the same minute the same window, so that they
 * share one read. The step is the interval, at most the window, in whole seconds.
 */
public record EvaluationWindow(Instant from, Instant to, Duration step) {

    private static final long MINUTE_MILLIS = 60_000;

    public static EvaluationWindow of(AlertRule rule, Instant tick) {
        Duration window = rule.condition().window();
        Instant to = tick.minus(rule.evaluationDelay());
        if (wholeMinutes(rule)) {
            to = Instant.ofEpochMilli(Math.floorDiv(to.toEpochMilli(), MINUTE_MILLIS) * MINUTE_MILLIS);
        }
        long seconds = Math.min(rule.interval().toSeconds(), window.toSeconds());
        return new EvaluationWindow(to.minus(window), to, Duration.ofSeconds(Math.max(1, seconds)));
    }

    /** Whether the rule's windows end on whole minutes. */
    public static boolean wholeMinutes(AlertRule rule) {
        return rule.interval().toMillis() % MINUTE_MILLIS == 0 && rule.condition().window().toMillis() % MINUTE_MILLIS == 0;
    }
}
