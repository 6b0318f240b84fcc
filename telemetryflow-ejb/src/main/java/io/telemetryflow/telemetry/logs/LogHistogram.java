package io.telemetryflow.telemetry.logs;

import java.util.List;
import java.util.Map;

/**
 * Matching records over time: one bucket per {@code stepMillis} (aligned to the epoch, so the first bucket may start
 * before the range), every bucket present, with a count per severity level (TRACE…FATAL, and UNSPECIFIED for records
 * without a level), all levels present, zero-filled.
 */
public record LogHistogram(long stepMillis, List<Bucket> buckets, long total) {

    /** {@code timestamp}: the bucket's start in epoch milliseconds. */
    public record Bucket(long timestamp, Map<String, Long> counts, long total) {
    }
}
