package io.telemetryflow.telemetry.metrics;

import io.telemetryflow.platform.error.Rejected;
import java.util.Locale;

/** How the points of one step and one series group become one value (docs/telemetry-api.md, Metrics). */
public enum MetricAggregation {
    AVG, MIN, MAX, SUM, COUNT, RATE, INCREASE, P50, P90, P95, P99;

    public static MetricAggregation parse(String text) {
        if (text == null || text.isBlank()) {
            return AVG;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid("aggregation", "aggregation must be one of avg, min, max, sum, count, rate, increase, p50, p90, p95, p99");
        }
    }

    public boolean isPercentile() {
        return quantile() > 0;
    }

    /** rate and increase: differences of a monotonic counter. */
    public boolean isCounter() {
        return this == RATE || this == INCREASE;
    }

    /** The quantile of a percentile aggregation (0.5 for p50), 0 for the others. */
    public double quantile() {
        return switch (this) {
            case P50 -> 0.5;
            case P90 -> 0.9;
            case P95 -> 0.95;
            case P99 -> 0.99;
            default -> 0;
        };
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
