package io.telemetryflow.telemetry.metrics;

import io.telemetryflow.telemetry.TimeRange;

/**
 * The table a series query reads and the time resolution of its rows (docs/telemetry-api.md, "Rollups"): the raw
 * points of its kind ({@code otel_metrics_<kind>}, resolution 0 = exact timestamps), or for gauges the per-minute
 * aggregates per series ({@code otel_metrics_gauge_1m}, V12) when every step is a union of whole minutes: the range
 * starts and ends on a minute and the step is a multiple of one. Then the aggregates give exactly the raw answer
 * (sum, count, min and max of minutes; avg as sum of sums over sum of counts). The batch issue's hourly and daily
 * rollups go here too, above the minutes.
 */
public record MetricSource(String table, long resolutionSeconds) {

    static final long MINUTE_SECONDS = 60;
    private static final long MINUTE_NANOS = MINUTE_SECONDS * 1_000_000_000L;

    public static MetricSource choose(MetricKind kind, TimeRange range, long stepSeconds) {
        if (kind == MetricKind.GAUGE && stepSeconds % MINUTE_SECONDS == 0 && range.fromNanos() % MINUTE_NANOS == 0
                && range.toNanos() % MINUTE_NANOS == 0) {
            return new MetricSource(kind.table() + "_1m", MINUTE_SECONDS);
        }
        return new MetricSource(kind.table(), 0);
    }

    /** Whether the rows are per-minute aggregates ({@code sum, count, min, max} columns) instead of points. */
    public boolean perMinute() {
        return resolutionSeconds == MINUTE_SECONDS;
    }
}
