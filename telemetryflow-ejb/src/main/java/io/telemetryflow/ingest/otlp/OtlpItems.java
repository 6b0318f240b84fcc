package io.telemetryflow.ingest.otlp;

import com.google.protobuf.Message;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.List;

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

    /** How many items the request carries. */
    public static long count(OtlpRequest request) {
        return request.resources().stream().mapToLong(OtlpItems::count).sum();
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
}
