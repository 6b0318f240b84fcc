package io.telemetryflow.ingest.otlp;

import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.List;
import java.util.function.Function;

/** The items of a request as OTLP counts them: spans, log records, or metric data points. */
public final class OtlpItems {

    private OtlpItems() {
    }

    /** A metric's data points, whatever its kind. */
    public static List<? extends Message> dataPoints(Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> metric.getGauge().getDataPointsList();
            case SUM -> metric.getSum().getDataPointsList();
            case HISTOGRAM -> metric.getHistogram().getDataPointsList();
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsList();
            case SUMMARY -> metric.getSummary().getDataPointsList();
            case DATA_NOT_SET -> List.of();
        };
    }

    /** A data point's {@code time_unix_nano}, whatever its kind. */
    public static long time(Message point) {
        return ofPoint(point, NumberDataPoint::getTimeUnixNano, HistogramDataPoint::getTimeUnixNano,
                ExponentialHistogramDataPoint::getTimeUnixNano, SummaryDataPoint::getTimeUnixNano);
    }

    /** A data point's {@code start_time_unix_nano}, whatever its kind. */
    public static long startTime(Message point) {
        return ofPoint(point, NumberDataPoint::getStartTimeUnixNano, HistogramDataPoint::getStartTimeUnixNano,
                ExponentialHistogramDataPoint::getStartTimeUnixNano, SummaryDataPoint::getStartTimeUnixNano);
    }

    /** A data point's attributes, whatever its kind. */
    public static List<KeyValue> attributes(Message point) {
        return ofPoint(point, NumberDataPoint::getAttributesList, HistogramDataPoint::getAttributesList,
                ExponentialHistogramDataPoint::getAttributesList, SummaryDataPoint::getAttributesList);
    }

    /** A data point's exemplars; summaries have none. */
    public static List<Exemplar> exemplars(Message point) {
        return ofPoint(point, NumberDataPoint::getExemplarsList, HistogramDataPoint::getExemplarsList,
                ExponentialHistogramDataPoint::getExemplarsList, summary -> List.of());
    }

    /** One field of a data point, read by the accessor for its kind (the four kinds share no interface). */
    private static <T> T ofPoint(Message point, Function<NumberDataPoint, T> number, Function<HistogramDataPoint, T> histogram,
                                 Function<ExponentialHistogramDataPoint, T> exponential, Function<SummaryDataPoint, T> summary) {
        if (point instanceof NumberDataPoint p) {
            return number.apply(p);
        } else if (point instanceof HistogramDataPoint p) {
            return histogram.apply(p);
        } else if (point instanceof ExponentialHistogramDataPoint p) {
            return exponential.apply(p);
        } else if (point instanceof SummaryDataPoint p) {
            return summary.apply(p);
        }
        throw new IllegalArgumentException("not a data point: " + point.getDescriptorForType().getFullName());
    }

    /** How many items the request carries. */
    public static long count(OtlpRequest request) {
        return request.resources().stream().mapToLong(OtlpItems::count).sum();
    }

    /**
     * Refuses a request carrying more than {@code max} items. The OTLP specification's answer to data that is
     * "otherwise invalid" for good is 400, which clients must not retry as is; 413 stays the answer to a body
     * over the byte limit.
     *
     * @throws OtlpException 400 naming the count and the limit
     */
    public static void requireAtMost(long max, OtlpRequest request) {
        long count = count(request);
        if (count > max) {
            String items = switch (request.signal()) {
                case TRACES -> "spans";
                case METRICS -> "data points";
                case LOGS -> "log records";
            };
            throw OtlpException.badRequest(request.encoding(), "the request carries " + count + " " + items + "; at most " + max
                    + " are accepted per request, send smaller batches");
        }
    }

    /** How many items one resource carries: an element of {@link OtlpRequest#resources()}. */
    public static long count(Message resource) {
        if (resource instanceof ResourceSpans spans) {
            return spans.getScopeSpansList().stream().mapToLong(scope -> scope.getSpansCount()).sum();
        } else if (resource instanceof ResourceLogs logs) {
            return logs.getScopeLogsList().stream().mapToLong(scope -> scope.getLogRecordsCount()).sum();
        } else if (resource instanceof ResourceMetrics metrics) {
            return metrics.getScopeMetricsList().stream().flatMap(scope -> scope.getMetricsList().stream())
                    .mapToLong(metric -> dataPoints(metric).size()).sum();
        }
        throw new IllegalArgumentException("not a resource's telemetry: " + resource.getDescriptorForType().getFullName());
    }

    /**
     * The earliest record time in the request (span start, log time or else observed time, data point time), in
     * epoch nanoseconds; {@code Long.MAX_VALUE} when it has no item with a time.
     */
    public static long oldestTimeNanos(OtlpRequest request) {
        long oldest = Long.MAX_VALUE;
        for (Message resource : request.resources()) {
            if (resource instanceof ResourceSpans spans) {
                for (var scope : spans.getScopeSpansList()) {
                    for (var span : scope.getSpansList()) {
                        oldest = earlier(oldest, span.getStartTimeUnixNano());
                    }
                }
            } else if (resource instanceof ResourceLogs logs) {
                for (var scope : logs.getScopeLogsList()) {
                    for (var log : scope.getLogRecordsList()) {
                        oldest = earlier(oldest, log.getTimeUnixNano() != 0 ? log.getTimeUnixNano() : log.getObservedTimeUnixNano());
                    }
                }
            } else if (resource instanceof ResourceMetrics metrics) {
                for (var scope : metrics.getScopeMetricsList()) {
                    for (Metric metric : scope.getMetricsList()) {
                        for (Message point : dataPoints(metric)) {
                            oldest = earlier(oldest, time(point));
                        }
                    }
                }
            }
        }
        return oldest;
    }

    private static long earlier(long oldest, long time) {
        return time > 0 && time < oldest ? time : oldest;
    }
}
