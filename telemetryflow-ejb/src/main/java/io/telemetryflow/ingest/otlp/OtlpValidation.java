package io.telemetryflow.ingest.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Per-item validation of a decoded request. A request that decodes is accepted (200) even when some items in it
 * are unusable: those are removed and counted, which the response reports as {@code partial_success}
 * ({@code rejected_spans}, {@code rejected_data_points}, {@code rejected_log_records} and an English
 * {@code error_message}). Rules, after the OTel data model:
 * <ul>
 * <li>a span needs a 16-byte trace id and an 8-byte span id, neither all zeros (the W3C/OTel "invalid" ids);</li>
 * <li>a metric needs a name (its data points count as rejected); every data point needs {@code time_unix_nano};</li>
 * <li>a log record is valid without timestamps (observed time is then the receive time) and without ids, but ids
 *     it has must have the right length;</li>
 * <li>with a lower time bound (the store's retention), items older than it are rejected: ClickHouse would drop
 *     them silently on insert, and a client must not be told they were stored;</li>
 * <li>with an upper time bound (now plus the allowed clock skew), items with any timestamp after it are rejected:
 *     they would sit at the top of every time range, and outlive the retention meant for them;</li>
 * <li>a data point whose attributes are over the {@link OtlpAttributeLimits} is rejected (they are its series'
 *     identity); the other items' attributes are trimmed to the limits, which the response reports as a warning
 *     in {@code error_message}.</li>
 * </ul>
 * Envelopes (resource, scope) left empty stay: the spec lets receivers ignore them.
 */
public final class OtlpValidation {

    static final String BAD_TRACE_ID = "trace_id must be 16 non-zero bytes";
    static final String BAD_SPAN_ID = "span_id must be 8 non-zero bytes";
    static final String NO_METRIC_NAME = "metric name must not be empty";
    static final String NO_TIME = "time_unix_nano must be set";
    static final String BAD_LOG_TRACE_ID = "trace_id must be empty or 16 bytes";
    static final String BAD_LOG_SPAN_ID = "span_id must be empty or 8 bytes";
    static final String TOO_OLD = "older than the retention period";
    static final String TOO_NEW = "timestamp too far in the future";

    /** The largest epoch-nanosecond time (unsigned), for "no upper time bound". */
    public static final long NO_UPPER_BOUND = -1L;

    /**
     * The outcome: the request with invalid items removed (the very same request when nothing was), how many items
     * were rejected, and why ("" when none were).
     */
    public record Result(OtlpRequest accepted, long rejected, String errorMessage) {

        /**
         * The {@code Export*ServiceResponse} to answer with: {@code partial_success} only when items were rejected or
         * attributes trimmed (a warning: rejected 0 and a message).
         */
        public Message response() {
            return accepted.signal().response(rejected, errorMessage);
        }
    }

    private OtlpValidation() {
    }

    /** Validation without time bounds, with the default attribute limits. */
    public static Result validate(OtlpRequest request) {
        return validate(request, 0, NO_UPPER_BOUND, OtlpAttributeLimits.DEFAULTS);
    }

    /**
     * Validates, also rejecting items timestamped before {@code oldestNanos} or with a timestamp after
     * {@code newestNanos} (epoch nanoseconds, compared unsigned as OTLP's fixed64), and applying {@code limits}.
     */
    public static Result validate(OtlpRequest request, long oldestNanos, long newestNanos, OtlpAttributeLimits limits) {
        Bounds bounds = new Bounds(oldestNanos, newestNanos, limits);
        Rejections rejections = switch (request.signal()) {
            case TRACES -> new Rejections("span", "spans");
            case METRICS -> new Rejections("data point", "data points");
            case LOGS -> new Rejections("log record", "log records");
        };
        Message accepted = switch (request.signal()) {
            case TRACES -> traces(request.traces(), bounds, rejections);
            case METRICS -> metrics(request.metrics(), bounds, rejections);
            case LOGS -> logs(request.logs(), bounds, rejections);
        };
        OtlpAttributeLimits.Trimmed trimmed = limits.trim(accepted == request.message() ? request : request.withMessage(accepted));
        String message = Stream.of(rejections.message(), trimmed.warning()).filter(text -> !text.isEmpty())
                .collect(Collectors.joining("; "));
        return new Result(trimmed.request(), rejections.total(), message);
    }

    /** What an item's times must lie between, and the attribute limits. */
    private record Bounds(long oldestNanos, long newestNanos, OtlpAttributeLimits limits) {

        /** The problem with an item stored under {@code time} whose timestamps are {@code time} and {@code other}, or null. */
        String timeProblem(long time, long other) {
            if (Long.compareUnsigned(time, oldestNanos) < 0) {
                return TOO_OLD;
            }
            return Long.compareUnsigned(time, newestNanos) > 0 || Long.compareUnsigned(other, newestNanos) > 0 ? TOO_NEW : null;
        }
    }

    // Each signal: a cheap read-only scan first, so a valid request (the normal case) is returned as is, without
    // copying it into builders.

    private static ExportTraceServiceRequest traces(ExportTraceServiceRequest request, Bounds bounds, Rejections rejections) {
        Function<Span, String> problem = span -> spanProblem(span, bounds);
        boolean clean = request.getResourceSpansList().stream()
                .flatMap(resource -> resource.getScopeSpansList().stream())
                .flatMap(scope -> scope.getSpansList().stream())
                .allMatch(span -> problem.apply(span) == null);
        if (clean) {
            return request;
        }
        var builder = request.toBuilder();
        for (var resource : builder.getResourceSpansBuilderList()) {
            for (var scope : resource.getScopeSpansBuilderList()) {
                List<Span> kept = keep(scope.getSpansList(), problem, rejections);
                scope.clearSpans().addAllSpans(kept);
            }
        }
        return builder.build();
    }

    private static ExportMetricsServiceRequest metrics(ExportMetricsServiceRequest request, Bounds bounds, Rejections rejections) {
        Function<Message, String> pointProblem = point -> pointProblem(point, bounds);
        boolean clean = request.getResourceMetricsList().stream()
                .flatMap(resource -> resource.getScopeMetricsList().stream())
                .flatMap(scope -> scope.getMetricsList().stream())
                .allMatch(metric -> !metric.getName().isEmpty() && OtlpItems.dataPoints(metric).stream().allMatch(p -> pointProblem.apply(p) == null));
        if (clean) {
            return request;
        }
        var builder = request.toBuilder();
        for (var resource : builder.getResourceMetricsBuilderList()) {
            for (var scope : resource.getScopeMetricsBuilderList()) {
                List<Metric> kept = new ArrayList<>();
                for (Metric metric : scope.getMetricsList()) {
                    if (metric.getName().isEmpty()) {
                        rejections.add(NO_METRIC_NAME, OtlpItems.dataPoints(metric).size());
                    } else {
                        kept.add(withValidPoints(metric, pointProblem, rejections));
                    }
                }
                scope.clearMetrics().addAllMetrics(kept);
            }
        }
        return builder.build();
    }

    private static ExportLogsServiceRequest logs(ExportLogsServiceRequest request, Bounds bounds, Rejections rejections) {
        Function<LogRecord, String> problem = log -> logProblem(log, bounds);
        boolean clean = request.getResourceLogsList().stream()
                .flatMap(resource -> resource.getScopeLogsList().stream())
                .flatMap(scope -> scope.getLogRecordsList().stream())
                .allMatch(log -> problem.apply(log) == null);
        if (clean) {
            return request;
        }
        var builder = request.toBuilder();
        for (var resource : builder.getResourceLogsBuilderList()) {
            for (var scope : resource.getScopeLogsBuilderList()) {
                List<LogRecord> kept = keep(scope.getLogRecordsList(), problem, rejections);
                scope.clearLogRecords().addAllLogRecords(kept);
            }
        }
        return builder.build();
    }

    private static String spanProblem(Span span, Bounds bounds) {
        if (!isValidId(span.getTraceId(), 16)) {
            return BAD_TRACE_ID;
        }
        if (!isValidId(span.getSpanId(), 8)) {
            return BAD_SPAN_ID;
        }
        return bounds.timeProblem(span.getStartTimeUnixNano(), span.getEndTimeUnixNano());
    }

    private static String logProblem(LogRecord log, Bounds bounds) {
        if (!log.getTraceId().isEmpty() && log.getTraceId().size() != 16) {
            return BAD_LOG_TRACE_ID;
        }
        if (!log.getSpanId().isEmpty() && log.getSpanId().size() != 8) {
            return BAD_LOG_SPAN_ID;
        }
        // the stored time is the event time, else the observed time, else the receive time (never too old)
        long time = log.getTimeUnixNano() != 0 ? log.getTimeUnixNano() : log.getObservedTimeUnixNano();
        return time == 0 ? null : bounds.timeProblem(time, log.getObservedTimeUnixNano());
    }

    private static String pointProblem(Message point, Bounds bounds) {
        long time = OtlpItems.time(point);
        if (time == 0) {
            return NO_TIME;
        }
        String timeProblem = bounds.timeProblem(time, OtlpItems.startTime(point));
        return timeProblem != null ? timeProblem : bounds.limits().problem(OtlpItems.attributes(point));
    }

    private static boolean isValidId(ByteString id, int length) {
        if (id.size() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (id.byteAt(i) != 0) {
                return true;
            }
        }
        return false;
    }

    private static Metric withValidPoints(Metric metric, Function<Message, String> pointProblem, Rejections rejections) {
        if (OtlpItems.dataPoints(metric).stream().allMatch(p -> pointProblem.apply(p) == null)) {
            return metric;
        }
        var builder = metric.toBuilder();
        switch (metric.getDataCase()) {
            case GAUGE -> builder.getGaugeBuilder().clearDataPoints()
                    .addAllDataPoints(keep(metric.getGauge().getDataPointsList(), pointProblem, rejections));
            case SUM -> builder.getSumBuilder().clearDataPoints()
                    .addAllDataPoints(keep(metric.getSum().getDataPointsList(), pointProblem, rejections));
            case HISTOGRAM -> builder.getHistogramBuilder().clearDataPoints()
                    .addAllDataPoints(keep(metric.getHistogram().getDataPointsList(), pointProblem, rejections));
            case EXPONENTIAL_HISTOGRAM -> builder.getExponentialHistogramBuilder().clearDataPoints()
                    .addAllDataPoints(keep(metric.getExponentialHistogram().getDataPointsList(), pointProblem, rejections));
            case SUMMARY -> builder.getSummaryBuilder().clearDataPoints()
                    .addAllDataPoints(keep(metric.getSummary().getDataPointsList(), pointProblem, rejections));
            case DATA_NOT_SET -> { }
        }
        return builder.build();
    }

    /** The items without a problem; each one with a problem is counted under its reason. */
    private static <T> List<T> keep(List<T> items, Function<? super T, String> problem, Rejections rejections) {
        List<T> kept = new ArrayList<>(items.size());
        for (T item : items) {
            String reason = problem.apply(item);
            if (reason == null) {
                kept.add(item);
            } else {
                rejections.add(reason, 1);
            }
        }
        return kept;
    }

    /** Rejected items counted by reason, in the order first seen, for the count and the error message. */
    private static final class Rejections {
        private final String singular;
        private final String plural;
        private final Map<String, Long> byReason = new LinkedHashMap<>();

        Rejections(String singular, String plural) {
            this.singular = singular;
            this.plural = plural;
        }

        void add(String reason, long count) {
            if (count > 0) {
                byReason.merge(reason, count, Long::sum);
            }
        }

        long total() {
            return byReason.values().stream().mapToLong(Long::longValue).sum();
        }

        /** E.g. "2 spans rejected: trace_id must be 16 non-zero bytes", with a count per reason when several. */
        String message() {
            long total = total();
            if (total == 0) {
                return "";
            }
            String reasons = byReason.size() == 1
                    ? byReason.keySet().iterator().next()
                    : byReason.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                            .collect(Collectors.joining("; "));
            return total + " " + (total == 1 ? singular : plural) + " rejected: " + reasons;
        }
    }
}
