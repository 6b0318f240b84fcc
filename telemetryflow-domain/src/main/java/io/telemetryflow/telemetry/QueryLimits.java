package io.telemetryflow.telemetry;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The bounds every telemetry query runs within (configuration keys {@code telemetryflow.query.*}, see
 * docs/configuration.md): the longest time range a request may name and the one it gets by default; the ClickHouse
 * limits passed with every query (execution time, result rows and bytes, bytes read, memory, with joins held to half
 * the memory), each set to throw rather than return a partial answer; how fresh a cached answer over a live range must be, and how long an answer over a range
 * entirely in the past is kept.
 */
public record QueryLimits(Duration maxRange, Duration defaultRange, Duration maxExecutionTime, long maxResultRows,
                          long maxResultBytes, long maxBytesToRead, long maxMemoryBytes, Duration freshness,
                          Duration pastCacheTtl) {

    public QueryLimits {
        Objects.requireNonNull(maxRange, "maxRange");
        Objects.requireNonNull(defaultRange, "defaultRange");
        Objects.requireNonNull(maxExecutionTime, "maxExecutionTime");
        Objects.requireNonNull(freshness, "freshness");
        Objects.requireNonNull(pastCacheTtl, "pastCacheTtl");
        if (defaultRange.compareTo(maxRange) > 0) {
            throw new IllegalArgumentException("the default range must not exceed the maximum range");
        }
        if (maxExecutionTime.toSeconds() < 1 || maxResultRows < 1 || maxResultBytes < 1 || maxBytesToRead < 1
                || maxMemoryBytes < 2) {
            throw new IllegalArgumentException("query limits must be positive (execution time at least 1 s)");
        }
    }

    /**
     * The ClickHouse settings that hold a query read for a user within these limits: every bound set to throw, and
     * {@code readonly = 2} (reads and settings only; a write, or a change of {@code readonly} itself, is refused).
     */
    public Map<String, String> serverSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("readonly", "2");
        settings.put("max_execution_time", Long.toString(maxExecutionTime.toSeconds()));
        settings.put("timeout_overflow_mode", "throw");
        settings.put("max_result_rows", Long.toString(maxResultRows));
        settings.put("max_result_bytes", Long.toString(maxResultBytes));
        settings.put("result_overflow_mode", "throw");
        settings.put("max_bytes_to_read", Long.toString(maxBytesToRead));
        settings.put("read_overflow_mode", "throw");
        settings.put("max_memory_usage", Long.toString(maxMemoryBytes));
        settings.put("max_bytes_in_join", Long.toString(maxMemoryBytes / 2));
        settings.put("join_overflow_mode", "throw");
        return settings;
    }

    /** The defaults of docs/configuration.md. */
    public static QueryLimits defaults() {
        return new QueryLimits(Duration.ofDays(7), Duration.ofHours(1), Duration.ofSeconds(10), 100_000, 64L << 20, 20L << 30,
                2L << 30, Duration.ofSeconds(60), Duration.ofHours(1));
    }

    public QueryLimits withMaxExecutionTime(Duration time) {
        return new QueryLimits(maxRange, defaultRange, time, maxResultRows, maxResultBytes, maxBytesToRead, maxMemoryBytes, freshness,
                pastCacheTtl);
    }

    public QueryLimits withMaxResultRows(long rows) {
        return new QueryLimits(maxRange, defaultRange, maxExecutionTime, rows, maxResultBytes, maxBytesToRead, maxMemoryBytes, freshness,
                pastCacheTtl);
    }

    public QueryLimits withMaxBytesToRead(long bytes) {
        return new QueryLimits(maxRange, defaultRange, maxExecutionTime, maxResultRows, maxResultBytes, bytes, maxMemoryBytes, freshness,
                pastCacheTtl);
    }

    public QueryLimits withMaxMemoryBytes(long bytes) {
        return new QueryLimits(maxRange, defaultRange, maxExecutionTime, maxResultRows, maxResultBytes, maxBytesToRead, bytes, freshness,
                pastCacheTtl);
    }
}
