package io.telemetryflow.telemetry.metrics;

import java.util.List;

/**
 * The body of {@code POST /telemetry/metrics/query}, as sent: every field optional except {@code metric}; {@link
 * MetricSeriesQuery#parse} checks and converts it. It is also the cache key, so {@code from}/{@code to} stay as given
 * ({@code now-1h} is one key while the hour slides).
 */
public record MetricSeriesRequest(String metric, String type, String from, String to, String step, String aggregation,
                                  String service, List<Filter> filters, List<String> groupBy, String tenantId, Integer limit) {

    /** A missing body (refused for its missing {@code metric}). */
    public static final MetricSeriesRequest EMPTY = new MetricSeriesRequest(null, null, null, null, null, null, null, null, null, null, null);

    /** An attribute filter: {@code key}, {@code op} (eq, neq, in, not_in, regex, not_regex, exists), {@code value} or {@code values}. */
    public record Filter(String key, String op, String value, List<String> values) {
    }
}
