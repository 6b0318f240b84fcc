package io.telemetryflow.telemetry.traces;

import java.util.List;

/**
 * Span duration percentiles in nanoseconds, as ClickHouse's {@code quantiles} computes them: exact (linear
 * interpolation between neighbours) up to 8192 spans per group, estimated from a uniform sample of 8192 above that.
 */
public record Percentiles(long p50, long p95, long p99) {

    /** The three levels in the order the SQL asks for them. */
    public static final String LEVELS = "0.5, 0.95, 0.99";
    /** The RED queries' levels: the three, then p90, which alert rules on latency may read (index 3). */
    public static final String RED_LEVELS = LEVELS + ", 0.9";

    public static Percentiles of(List<? extends Number> values) {
        return new Percentiles(Math.round(values.get(0).doubleValue()), Math.round(values.get(1).doubleValue()),
                Math.round(values.get(2).doubleValue()));
    }
}
