package io.telemetryflow.alerting;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.QueryLimits;
import io.telemetryflow.telemetry.SeverityLevel;
import io.telemetryflow.telemetry.logs.LogFilter;
import io.telemetryflow.telemetry.logs.LogRequests;
import io.telemetryflow.telemetry.metrics.MetricAggregation;
import io.telemetryflow.telemetry.metrics.MetricFields;
import io.telemetryflow.telemetry.metrics.MetricSeriesQuery;
import io.telemetryflow.telemetry.metrics.MetricSeriesRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The {@code query} object of a rule, checked per kind with the read API's own validation (so a rule accepts exactly
 * the queries the explorers accept); the read API's field names come back prefixed with {@code query.}. A field that
 * the kind does not use is refused rather than ignored, so a typo or a wrong kind is noticed.
 */
final class RuleQueries {

    private static final String PREFIX = "query.";

    private RuleQueries() {
    }

    static RuleQuery parse(RuleKind kind, AlertRuleSpec.Query query, Instant now) {
        if (query == null) {
            throw Rejected.invalid("query", "a query object is required");
        }
        return switch (kind) {
            case METRIC -> metric(query);
            case LOGS -> logs(query, now);
            case TRACES -> traces(query);
            case ABSENCE -> absence(query, now);
        };
    }

    private static MetricRuleQuery metric(AlertRuleSpec.Query query) {
        unused(query, "metric", "operation", query.operation(), "measure", query.measure(), "query", query.query(), "severity", query.severity());
        return prefixed(() -> {
            String metric = MetricFields.metric(query.metric());
            MetricAggregation aggregation = MetricAggregation.parse(query.aggregation());
            String service = MetricFields.optional("service", query.service()).orElse(null);
            MetricFields.filters(query.filters());
            return new MetricRuleQuery(metric, aggregation, service, query.filters() == null ? List.of() : query.filters(),
                    MetricSeriesQuery.groupBy(groupByList(query.groupBy())));
        });
    }

    private static LogRuleQuery logs(AlertRuleSpec.Query query, Instant now) {
        unused(query, "logs", "metric", query.metric(), "aggregation", query.aggregation(), "operation", query.operation(),
                "measure", query.measure());
        return prefixed(() -> {
            String service = MetricFields.optional("service", query.service()).orElse(null);
            List<LogRequests.Attribute> attributes = attributes(query.filters());
            // the read API's own check of terms, severity and filters (the range is a placeholder: a rule has none of its own)
            LogFilter.parse(null, null, query.query(), query.severity(), service == null ? List.of() : List.of(service), null, null,
                    attributes, now, QueryLimits.defaults());
            String groupBy = groupByKey(query.groupBy());
            String text = query.query() == null || query.query().isBlank() ? null : query.query();
            return new LogRuleQuery(text, SeverityLevel.parse("severity", query.severity()), service, attributes, groupBy);
        });
    }

    private static TraceRuleQuery traces(AlertRuleSpec.Query query) {
        unused(query, "traces", "metric", query.metric(), "aggregation", query.aggregation(), "query", query.query(),
                "severity", query.severity(), "filters", query.filters(), "groupBy", query.groupBy());
        return prefixed(() -> {
            String service = MetricFields.required("service", query.service());
            String operation = MetricFields.optional("operation", query.operation()).orElse(null);
            return new TraceRuleQuery(service, operation, measure(query.measure()));
        });
    }

    private static AbsenceRuleQuery absence(AlertRuleSpec.Query query, Instant now) {
        String signal = query.signal() == null ? "" : query.signal().strip().toLowerCase(Locale.ROOT);
        AlertRuleSpec.Query inner = new AlertRuleSpec.Query(null, query.metric(), query.aggregation(), query.service(), query.operation(),
                query.measure(), query.query(), query.severity(), query.filters(), query.groupBy());
        return switch (signal) {
            case "metric" -> new AbsenceRuleQuery(metric(inner));
            case "logs" -> new AbsenceRuleQuery(logs(inner, now));
            default -> throw Rejected.invalid("query.signal", "query.signal must be metric or logs for an absence rule");
        };
    }

    private static TraceRuleQuery.Measure measure(String text) {
        if (text != null) {
            for (TraceRuleQuery.Measure measure : TraceRuleQuery.Measure.values()) {
                if (measure.wire().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return measure;
                }
            }
        }
        throw Rejected.invalid("measure", "measure must be one of error_rate, request_rate, p50, p90, p95, p99");
    }

    private static List<LogRequests.Attribute> attributes(List<MetricSeriesRequest.Filter> filters) {
        if (filters == null) {
            return List.of();
        }
        List<LogRequests.Attribute> attributes = new ArrayList<>(filters.size());
        for (MetricSeriesRequest.Filter filter : filters) {
            attributes.add(filter == null ? null : new LogRequests.Attribute(filter.key(), filter.op(), filter.value(), filter.values()));
        }
        return attributes;
    }

    /** Metric group-by: a list of keys (one key alone is taken as a list of one). */
    private static List<String> groupByList(Object groupBy) {
        if (groupBy == null) {
            return null;
        }
        if (groupBy instanceof String key) {
            return List.of(key);
        }
        if (groupBy instanceof List<?> keys) {
            List<String> texts = new ArrayList<>(keys.size());
            for (Object key : keys) {
                if (!(key instanceof String text)) {
                    throw Rejected.invalid("groupBy", "groupBy must be a list of attribute names");
                }
                texts.add(text);
            }
            return texts;
        }
        throw Rejected.invalid("groupBy", "groupBy must be a list of attribute names");
    }

    /** Logs group-by: one attribute ({@code "service.name"}, or a list of exactly one). */
    private static String groupByKey(Object groupBy) {
        List<String> keys = groupByList(groupBy);
        if (keys == null || keys.isEmpty()) {
            return null;
        }
        if (keys.size() > 1) {
            throw Rejected.invalid("groupBy", "a logs rule groups by at most one attribute");
        }
        return MetricSeriesQuery.groupBy(keys).get(0);
    }

    private static void unused(AlertRuleSpec.Query query, String kind, Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                throw Rejected.invalid(PREFIX + namesAndValues[i], namesAndValues[i] + " is not a field of a " + kind + " query");
            }
        }
        if (query.signal() != null) {
            throw Rejected.invalid(PREFIX + "signal", "signal is only a field of an absence query");
        }
    }

    /** Runs a read API validation and names its fields by their path in the rule. */
    private static <T> T prefixed(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (Rejected rejected) {
            if (rejected.field() == null || rejected.field().startsWith(PREFIX)) {
                throw rejected;
            }
            throw Rejected.invalid(PREFIX + rejected.field(), rejected.getMessage());
        }
    }
}
