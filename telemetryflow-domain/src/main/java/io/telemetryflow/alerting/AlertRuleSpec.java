package io.telemetryflow.alerting;

import io.telemetryflow.telemetry.metrics.MetricSeriesRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of a rule's create, update and preview, as sent (docs/alerting.md, "Alert rules and states");
 * {@link #parse} checks it and fills the defaults.
 */
public record AlertRuleSpec(String name, String kind, Query query, Condition condition, String interval, String evaluationDelay,
                            String noData, String onError, Integer resolveMissingAfter, Map<String, String> labels,
                            Map<String, String> annotations, String severity, Boolean enabled, String tenantId) {

    /**
     * The query fields of every kind: metric ({@code metric}, {@code aggregation}, {@code service}, {@code filters},
     * {@code groupBy} as a list), logs ({@code query}, {@code severity}, {@code service}, {@code filters},
     * {@code groupBy} as one attribute), traces ({@code service}, {@code operation}, {@code measure}), absence
     * ({@code signal} metric or logs, plus that signal's fields). {@code groupBy} is typed {@code Object}: JSON-B fills
     * it with a {@code String} or a {@code List} as sent.
     */
    public record Query(String signal, String metric, String aggregation, String service, String operation, String measure, String query,
                        String severity, List<MetricSeriesRequest.Filter> filters, Object groupBy) {
    }

    /** The condition as sent; durations as text ({@code 5m}, {@code 30s}). */
    public record Condition(String operator, Double threshold, Double recoveryThreshold, String reduce, String window, String pendingFor,
                            String keepFiringFor, Integer minDataPoints) {
    }

    /** The validated rule; every error is a 400 naming the JSON path of the field ({@code condition.threshold}). */
    public AlertRule parse(Instant now, RuleLimits limits) {
        throw new UnsupportedOperationException("not yet");
    }
}
