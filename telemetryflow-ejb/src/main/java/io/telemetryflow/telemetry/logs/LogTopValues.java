package io.telemetryflow.telemetry.logs;

import java.util.List;

/**
 * The most frequent values of a field among the matching records that have it, most frequent first (ties by value).
 * {@code total} counts those records, {@code otherCount} the ones whose value is not listed; {@code truncated} says
 * more distinct values exist than were listed.
 */
public record LogTopValues(String field, List<TopValue> values, long otherCount, long total, boolean truncated) {

    public record TopValue(String value, long count) {
    }
}
