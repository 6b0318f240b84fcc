package io.telemetryflow.telemetry.traces;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.AttributeFilter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A trace search as the API takes it, validated: the time range as given (so {@code now-1h} stays one cache key; see
 * {@link io.telemetryflow.telemetry.TimeRange#parse}), the span conditions, and how many traces to return. A trace
 * matches when any one of its spans starting in the range meets every condition. Durations are nanoseconds.
 */
public record TraceSearch(String from, String to, String service, String operation, Long minDurationNanos, Long maxDurationNanos,
                          String status, List<AttributeFilter> filters, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    static final int MAX_NAME_LENGTH = 1024;
    static final Set<String> STATUSES = Set.of("UNSET", "OK", "ERROR");

    public TraceSearch {
        service = name("service", service);
        operation = name("operation", operation);
        if (minDurationNanos != null && minDurationNanos < 0 || maxDurationNanos != null && maxDurationNanos < 0) {
            throw Rejected.invalid(minDurationNanos != null && minDurationNanos < 0 ? "minDuration" : "maxDuration",
                    "durations must not be negative");
        }
        if (minDurationNanos != null && maxDurationNanos != null && minDurationNanos > maxDurationNanos) {
            throw Rejected.invalid("minDuration", "minDuration must not exceed maxDuration");
        }
        if (status != null) {
            status = status.strip().toUpperCase(Locale.ROOT);
            if (status.isEmpty()) {
                status = null;
            } else if (!STATUSES.contains(status)) {
                throw Rejected.invalid("status", "status must be one of UNSET, OK, ERROR");
            }
        }
        filters = filters == null ? List.of() : List.copyOf(filters);
        if (filters.size() > AttributeFilter.MAX_FILTERS) {
            throw Rejected.invalid("filters", "at most " + AttributeFilter.MAX_FILTERS + " filters");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Rejected.invalid("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
    }

    /**
     * From request fields: durations as {@link DurationText} (a bare number is nanoseconds), {@code limit} null for
     * the default.
     */
    public static TraceSearch parse(String from, String to, String service, String operation, String minDuration, String maxDuration,
                                    String status, List<AttributeFilter> filters, Integer limit) {
        return new TraceSearch(from, to, service, operation, duration("minDuration", minDuration), duration("maxDuration", maxDuration),
                status, filters, limit == null ? DEFAULT_LIMIT : limit);
    }

    private static Long duration(String field, String text) {
        return text == null || text.isBlank() ? null : DurationText.nanos(field, text, 1);
    }

    /** A service or span name: absent when blank, otherwise compared exactly as stored. */
    static String name(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw Rejected.invalid(field, field + " may be at most " + MAX_NAME_LENGTH + " characters");
        }
        return value;
    }
}
