package io.telemetryflow.ingest.otlp;

import com.google.protobuf.Message;
import io.opentelemetry.proto.metrics.v1.Metric;
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
        return switch (request.signal()) {
            case TRACES -> request.traces().getResourceSpansList().stream()
                    .flatMap(resource -> resource.getScopeSpansList().stream()).mapToLong(scope -> scope.getSpansCount()).sum();
            case LOGS -> request.logs().getResourceLogsList().stream()
                    .flatMap(resource -> resource.getScopeLogsList().stream()).mapToLong(scope -> scope.getLogRecordsCount()).sum();
            case METRICS -> request.metrics().getResourceMetricsList().stream()
                    .flatMap(resource -> resource.getScopeMetricsList().stream())
                    .flatMap(scope -> scope.getMetricsList().stream())
                    .mapToLong(metric -> dataPoints(metric).size()).sum();
        };
    }
}
