package io.telemetryflow.telemetry;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds every telemetry query runs within (configuration keys {@code telemetryflow.query.*}, see
 * docs/configuration.md): the longest time range a request may name and the one it gets by default; the ClickHouse
 * limits passed with every query (execution time, result rows and bytes, bytes read), each set to throw rather than
 * return a partial answer; how fresh a cached answer over a live range must be, and how long an answer over a range
 * entirely in the past is kept.
 */
public record QueryLimits(Duration maxRange, Duration defaultRange, Duration maxExecutionTime, long maxResultRows,
                          long maxResultBytes, long maxBytesToRead, Duration freshness, Duration pastCacheTtl) {

    public QueryLimits {
        Objects.requireNonNull(maxRange, "maxRange");
        Objects.requireNonNull(defaultRange, "defaultRange");
        Objects.requireNonNull(maxExecutionTime, "maxExecutionTime");
        Objects.requireNonNull(freshness, "freshness");
        Objects.requireNonNull(pastCacheTtl, "pastCacheTtl");
        if (defaultRange.compareTo(maxRange) > 0) {
            throw new IllegalArgumentException("the default range must not exceed the maximum range");
        }
        if (maxExecutionTime.toSeconds() < 1 || maxResultRows < 1 || maxResultBytes < 1 || maxBytesToRead < 1) {
            throw new IllegalArgumentException("query limits must be positive (execution time at least 1 s)");
        }
    }

    /** The defaults of docs/configuration.md. */
    public static QueryLimits defaults() {
        return new QueryLimits(Duration.ofDays(7), Duration.ofHours(1), Duration.ofSeconds(10), 100_000, 64L << 20, 20L << 30,
                Duration.ofSeconds(60), Duration.ofHours(1));
    }
}
