package io.telemetryflow.telemetry.metrics;

import io.telemetryflow.telemetry.TimeRange;

/**
 * The table a series query reads and the time resolution of its rows. This is the seam for pre-aggregated data
 * (docs/telemetry-api.md, "Rollups"): today every query reads the raw points of its kind ({@code otel_metrics_<kind>},
 * resolution 0 = exact timestamps); the rollup issue adds tables such as per-minute or per-hour aggregates and returns
 * them here when the step is a multiple of their resolution and the range is long, together with the value
 * expressions that read them (avg = sum of sums / sum of counts, etc.).
 */
public record MetricSource(String table, long resolutionSeconds) {

    public static MetricSource choose(MetricKind kind, TimeRange range, long stepSeconds) {
        return new MetricSource(kind.table(), 0);
    }
}
