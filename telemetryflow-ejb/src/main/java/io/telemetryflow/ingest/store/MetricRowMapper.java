package io.telemetryflow.ingest.store;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.telemetryflow.ingest.otlp.OtlpValues;
import io.telemetryflow.tenancy.TenantPlacement;
import java.util.List;

/**
 * Metric data points to the {@code otel_metrics_*} table of their kind, one row per point. Number points keep
 * {@code value} as Float64 and, for {@code as_int} points, the exact {@code int_value} (NULL for doubles; a point
 * with neither stores 0 and NULL). Histogram and exponential histogram {@code sum}/{@code min}/{@code max} are NULL
 * when OTLP leaves them out. {@code aggregation_temporality} is the OTLP enum number. Exemplar values are Float64.
 * The metric catalogue is filled by materialized views on the inserts.
 */
final class MetricRowMapper {

    private MetricRowMapper() {
    }

    static void map(ExportMetricsServiceRequest request, TenantPlacement tenant, TelemetryRows rows) {
        for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
            byte[] resource = null;
            for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
                if (scopeMetrics.getMetricsCount() == 0) {
                    continue;
                }
                if (resource == null) {
                    resource = Envelope.resource(tenant, resourceMetrics.getResource(), resourceMetrics.getSchemaUrl());
                }
                byte[] envelope = Envelope.scope(resource, scopeMetrics.getScope(), scopeMetrics.getSchemaUrl());
                for (Metric metric : scopeMetrics.getMetricsList()) {
                    metric(envelope, metric, rows);
                }
            }
        }
    }

    private static void metric(byte[] envelope, Metric metric, TelemetryRows rows) {
        switch (metric.getDataCase()) {
            case GAUGE -> {
                Gauge gauge = metric.getGauge();
                if (gauge.getDataPointsCount() == 0) {
                    return;
                }
                byte[] head = head(envelope, metric);
                TableBlock block = rows.block(TelemetryTable.METRICS_GAUGE);
                for (NumberDataPoint point : gauge.getDataPointsList()) {
                    RowBinary out = block.out();
                    point(out, head, point.getAttributesList(), point.getStartTimeUnixNano(), point.getTimeUnixNano(), point.getFlags());
                    number(out, point);
                    exemplars(out, point.getExemplarsList());
                    block.endRow();
                }
            }
            case SUM -> {
                Sum sum = metric.getSum();
                if (sum.getDataPointsCount() == 0) {
                    return;
                }
                byte[] head = head(envelope, metric);
                TableBlock block = rows.block(TelemetryTable.METRICS_SUM);
                int temporality = OtlpValues.uint8(sum.getAggregationTemporalityValue());
                for (NumberDataPoint point : sum.getDataPointsList()) {
                    RowBinary out = block.out();
                    point(out, head, point.getAttributesList(), point.getStartTimeUnixNano(), point.getTimeUnixNano(), point.getFlags());
                    number(out, point);
                    out.uint8(temporality);
                    out.bool(sum.getIsMonotonic());
                    exemplars(out, point.getExemplarsList());
                    block.endRow();
                }
            }
            case HISTOGRAM -> {
                Histogram histogram = metric.getHistogram();
                if (histogram.getDataPointsCount() == 0) {
                    return;
                }
                byte[] head = head(envelope, metric);
                TableBlock block = rows.block(TelemetryTable.METRICS_HISTOGRAM);
                int temporality = OtlpValues.uint8(histogram.getAggregationTemporalityValue());
                for (HistogramDataPoint point : histogram.getDataPointsList()) {
                    RowBinary out = block.out();
                    point(out, head, point.getAttributesList(), point.getStartTimeUnixNano(), point.getTimeUnixNano(), point.getFlags());
                    out.int64(point.getCount());
                    out.nullableFloat64(point.hasSum(), point.getSum());
                    out.nullableFloat64(point.hasMin(), point.getMin());
                    out.nullableFloat64(point.hasMax(), point.getMax());
                    uint64s(out, point.getBucketCountsList());
                    List<Double> bounds = point.getExplicitBoundsList();
                    out.varUInt(bounds.size());
                    for (int i = 0; i < bounds.size(); i++) {
                        out.float64(point.getExplicitBounds(i));
                    }
                    out.uint8(temporality);
                    exemplars(out, point.getExemplarsList());
                    block.endRow();
                }
            }
            case EXPONENTIAL_HISTOGRAM -> {
                ExponentialHistogram histogram = metric.getExponentialHistogram();
                if (histogram.getDataPointsCount() == 0) {
                    return;
                }
                byte[] head = head(envelope, metric);
                TableBlock block = rows.block(TelemetryTable.METRICS_EXPONENTIAL_HISTOGRAM);
                int temporality = OtlpValues.uint8(histogram.getAggregationTemporalityValue());
                for (ExponentialHistogramDataPoint point : histogram.getDataPointsList()) {
                    RowBinary out = block.out();
                    point(out, head, point.getAttributesList(), point.getStartTimeUnixNano(), point.getTimeUnixNano(), point.getFlags());
                    out.int64(point.getCount());
                    out.nullableFloat64(point.hasSum(), point.getSum());
                    out.nullableFloat64(point.hasMin(), point.getMin());
                    out.nullableFloat64(point.hasMax(), point.getMax());
                    out.int32(point.getScale());
                    out.int64(point.getZeroCount());
                    out.float64(point.getZeroThreshold());
                    out.int32(point.getPositive().getOffset());
                    uint64s(out, point.getPositive().getBucketCountsList());
                    out.int32(point.getNegative().getOffset());
                    uint64s(out, point.getNegative().getBucketCountsList());
                    out.uint8(temporality);
                    exemplars(out, point.getExemplarsList());
                    block.endRow();
                }
            }
            case SUMMARY -> {
                Summary summary = metric.getSummary();
                if (summary.getDataPointsCount() == 0) {
                    return;
                }
                byte[] head = head(envelope, metric);
                TableBlock block = rows.block(TelemetryTable.METRICS_SUMMARY);
                for (SummaryDataPoint point : summary.getDataPointsList()) {
                    RowBinary out = block.out();
                    point(out, head, point.getAttributesList(), point.getStartTimeUnixNano(), point.getTimeUnixNano(), point.getFlags());
                    out.int64(point.getCount());
                    out.float64(point.getSum());
                    out.varUInt(point.getQuantileValuesCount());
                    for (SummaryDataPoint.ValueAtQuantile quantile : point.getQuantileValuesList()) {
                        out.float64(quantile.getQuantile()).float64(quantile.getValue());
                    }
                    block.endRow();
                }
            }
            case DATA_NOT_SET -> {
                // a metric without data has no points to store
            }
        }
    }

    /** Envelope plus the metric's own columns (name, description, unit, metadata), once per metric. */
    private static byte[] head(byte[] envelope, Metric metric) {
        RowBinary out = new RowBinary(envelope.length + 128);
        out.raw(envelope);
        out.string(metric.getName());
        out.string(metric.getDescription());
        out.string(metric.getUnit());
        AttributeEncoder.encode(metric.getMetadataList()).write(out);
        return out.toByteArray();
    }

    /** The columns every point has: attributes, start_timestamp, timestamp, flags. */
    private static void point(RowBinary out, byte[] head, List<KeyValue> attributes, long start, long time, int flags) {
        out.raw(head);
        AttributeEncoder.encode(attributes).write(out);
        out.dateTime64Nanos(OtlpValues.nanos(start));
        out.dateTime64Nanos(OtlpValues.nanos(time));
        out.int32(flags);
    }

    /** {@code value Float64, int_value Nullable(Int64)}. */
    private static void number(RowBinary out, NumberDataPoint point) {
        switch (point.getValueCase()) {
            case AS_INT -> {
                out.float64((double) point.getAsInt());
                out.uint8(0).int64(point.getAsInt());
            }
            case AS_DOUBLE -> {
                out.float64(point.getAsDouble());
                out.uint8(1);
            }
            case VALUE_NOT_SET -> {
                out.float64(0);
                out.uint8(1);
            }
        }
    }

    private static void uint64s(RowBinary out, List<Long> values) {
        out.varUInt(values.size());
        for (Long value : values) {
            out.int64(value);
        }
    }

    private static void exemplars(RowBinary out, List<Exemplar> exemplars) {
        out.varUInt(exemplars.size());
        for (Exemplar exemplar : exemplars) {
            out.dateTime64Nanos(OtlpValues.nanos(exemplar.getTimeUnixNano()));
            out.float64(exemplar.getValueCase() == Exemplar.ValueCase.AS_INT ? (double) exemplar.getAsInt() : exemplar.getAsDouble());
            out.string(OtlpValues.hexId(exemplar.getTraceId()));
            out.string(OtlpValues.hexId(exemplar.getSpanId()));
            AttributeEncoder.encode(exemplar.getFilteredAttributesList()).write(out);
        }
    }
}
