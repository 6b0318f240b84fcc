package io.telemetryflow.ingest.otlp;

import static io.telemetryflow.ingest.otlp.OtlpExamples.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
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
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpValidationTest {

    private static final ByteString TRACE_ID = ByteString.copyFrom(hex("5b8efff798038103d269b633813fc60c"));
    private static final ByteString SPAN_ID = ByteString.copyFrom(hex("eee19b7ec3c1b174"));

    private static Span span(String name, ByteString traceId, ByteString spanId) {
        return Span.newBuilder().setName(name).setTraceId(traceId).setSpanId(spanId).build();
    }

    private static OtlpValidation.Result validate(OtlpSignal signal, com.google.protobuf.Message message) {
        return OtlpValidation.validate(new OtlpRequest(signal, OtlpEncoding.PROTOBUF, message));
    }

    @Test
    void validRequestsPassUntouched() {
        for (OtlpSignal signal : OtlpSignal.values()) {
            var request = new OtlpRequest(signal, OtlpEncoding.JSON, OtlpCodecTest.sample(signal));
            OtlpValidation.Result result = OtlpValidation.validate(request);
            assertThat(result.accepted()).isSameAs(request);
            assertThat(result.rejected()).isZero();
            assertThat(result.errorMessage()).isEmpty();
            assertThat(result.response()).isEqualTo(signal.successResponse());
        }
        assertThat(validate(OtlpSignal.TRACES, ExportTraceServiceRequest.getDefaultInstance()).rejected()).isZero();
    }

    @Test
    void spansWithBadIdsAreRemovedAndCounted() {
        var request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                        .addSpans(span("ok-1", TRACE_ID, SPAN_ID))
                        .addSpans(span("zero-trace", ByteString.copyFrom(new byte[16]), SPAN_ID))
                        .addSpans(span("short-trace", TRACE_ID.substring(0, 8), SPAN_ID))))
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                        .addSpans(span("no-trace", ByteString.EMPTY, SPAN_ID))
                        .addSpans(span("ok-2", TRACE_ID, SPAN_ID))))
                .build();

        OtlpValidation.Result result = validate(OtlpSignal.TRACES, request);

        assertThat(result.rejected()).isEqualTo(3);
        assertThat(result.errorMessage()).isEqualTo("3 spans rejected: trace_id must be 16 non-zero bytes");
        var accepted = result.accepted().traces();
        assertThat(accepted.getResourceSpansList()).flatExtracting(rs -> rs.getScopeSpans(0).getSpansList())
                .extracting(Span::getName).containsExactly("ok-1", "ok-2");
        var response = (ExportTraceServiceResponse) result.response();
        assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(3);
        assertThat(response.getPartialSuccess().getErrorMessage()).isEqualTo(result.errorMessage());
        assertThat(result.accepted().encoding()).isEqualTo(OtlpEncoding.PROTOBUF);
    }

    @Test
    void messageCountsEachReasonWhenThereAreSeveral() {
        var request = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                .addSpans(span("bad-trace", ByteString.copyFrom(new byte[16]), SPAN_ID))
                .addSpans(span("zero-span", TRACE_ID, ByteString.copyFrom(new byte[8])))
                .addSpans(span("long-span", TRACE_ID, TRACE_ID))
                .addSpans(span("no-span", TRACE_ID, ByteString.EMPTY)))).build();

        OtlpValidation.Result result = validate(OtlpSignal.TRACES, request);

        assertThat(result.rejected()).isEqualTo(4);
        assertThat(result.errorMessage())
                .isEqualTo("4 spans rejected: trace_id must be 16 non-zero bytes (1); span_id must be 8 non-zero bytes (3)");
        assertThat(result.accepted().traces().getResourceSpans(0).getScopeSpans(0).getSpansCount()).isZero();
    }

    @Test
    void metricsWithoutNameAndPointsWithoutTimeAreRemovedAndCountedAsDataPoints() {
        NumberDataPoint timed = NumberDataPoint.newBuilder().setTimeUnixNano(1).setAsInt(1).build();
        NumberDataPoint untimed = NumberDataPoint.newBuilder().setAsInt(2).build();
        var request = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(ScopeMetrics.newBuilder()
                .addMetrics(Metric.newBuilder().setName("") // nameless: both its points go
                        .setGauge(Gauge.newBuilder().addDataPoints(timed).addDataPoints(timed)))
                .addMetrics(Metric.newBuilder().setName("gauge").setGauge(Gauge.newBuilder().addDataPoints(timed).addDataPoints(untimed)))
                .addMetrics(Metric.newBuilder().setName("sum").setSum(Sum.newBuilder().setIsMonotonic(true).addDataPoints(untimed)))
                .addMetrics(Metric.newBuilder().setName("histogram").setHistogram(Histogram.newBuilder()
                        .addDataPoints(HistogramDataPoint.newBuilder().setCount(1))
                        .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(9).setCount(2))))
                .addMetrics(Metric.newBuilder().setName("exp").setExponentialHistogram(ExponentialHistogram.newBuilder()
                        .addDataPoints(ExponentialHistogramDataPoint.newBuilder())))
                .addMetrics(Metric.newBuilder().setName("summary").setSummary(Summary.newBuilder()
                        .addDataPoints(SummaryDataPoint.newBuilder().setTimeUnixNano(3))))
                .addMetrics(Metric.newBuilder().setName("")))) // nameless and empty: dropped, nothing to count
                .build();

        OtlpValidation.Result result = validate(OtlpSignal.METRICS, request);

        assertThat(result.rejected()).isEqualTo(6);
        assertThat(result.errorMessage())
                .isEqualTo("6 data points rejected: metric name must not be empty (2); time_unix_nano must be set (4)");
        List<Metric> kept = result.accepted().metrics().getResourceMetrics(0).getScopeMetrics(0).getMetricsList();
        assertThat(kept).extracting(Metric::getName).containsExactly("gauge", "sum", "histogram", "exp", "summary");
        assertThat(kept.get(0).getGauge().getDataPointsList()).containsExactly(timed);
        assertThat(kept.get(1).getSum().getDataPointsList()).isEmpty();
        assertThat(kept.get(1).getSum().getIsMonotonic()).as("the rest of the metric is kept").isTrue();
        assertThat(kept.get(2).getHistogram().getDataPointsList()).extracting(HistogramDataPoint::getCount).containsExactly(2L);
        assertThat(kept.get(3).getExponentialHistogram().getDataPointsList()).isEmpty();
        assertThat(kept.get(4)).isEqualTo(request.getResourceMetrics(0).getScopeMetrics(0).getMetrics(5));
        assertThat(((ExportMetricsServiceResponse) result.response()).getPartialSuccess().getRejectedDataPoints()).isEqualTo(6);
    }

    @Test
    void logRecordsNeedNoTimestampsButIdsMustHaveTheirLength() {
        var request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                .addLogRecords(LogRecord.newBuilder().setSeverityText("no timestamps, no ids"))
                .addLogRecords(LogRecord.newBuilder().setTraceId(TRACE_ID).setSpanId(SPAN_ID))
                .addLogRecords(LogRecord.newBuilder().setTraceId(SPAN_ID))
                .addLogRecords(LogRecord.newBuilder().setSpanId(TRACE_ID)))).build();

        OtlpValidation.Result result = validate(OtlpSignal.LOGS, request);

        assertThat(result.rejected()).isEqualTo(2);
        assertThat(result.errorMessage())
                .isEqualTo("2 log records rejected: trace_id must be empty or 16 bytes (1); span_id must be empty or 8 bytes (1)");
        assertThat(result.accepted().logs().getResourceLogs(0).getScopeLogs(0).getLogRecordsList())
                .containsExactlyElementsOf(request.getResourceLogs(0).getScopeLogs(0).getLogRecordsList().subList(0, 2));
        assertThat(((ExportLogsServiceResponse) result.response()).getPartialSuccess().getRejectedLogRecords()).isEqualTo(2);
    }

    @Test
    void singleRejectionIsSingular() {
        var request = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                .addSpans(span("x", TRACE_ID, ByteString.EMPTY)))).build();
        assertThat(validate(OtlpSignal.TRACES, request).errorMessage()).isEqualTo("1 span rejected: span_id must be 8 non-zero bytes");
    }

    @Test
    void itemsOlderThanTheRetentionAreRejectedWhateverTheSignal() {
        long oldest = 1_000_000_000_000L;
        var spans = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                .addSpans(span("recent", TRACE_ID, SPAN_ID).toBuilder().setStartTimeUnixNano(oldest))
                .addSpans(span("old", TRACE_ID, SPAN_ID).toBuilder().setStartTimeUnixNano(oldest - 1)))).build();
        OtlpValidation.Result traces = OtlpValidation.validate(new OtlpRequest(OtlpSignal.TRACES, OtlpEncoding.PROTOBUF, spans), oldest);
        assertThat(traces.errorMessage()).isEqualTo("1 span rejected: older than the retention period");
        assertThat(traces.accepted().traces().getResourceSpans(0).getScopeSpans(0).getSpans(0).getName()).isEqualTo("recent");

        var logs = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                .addLogRecords(LogRecord.newBuilder().setBody(io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue("no time: kept")))
                .addLogRecords(LogRecord.newBuilder().setObservedTimeUnixNano(oldest - 1))
                .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(oldest - 1).setObservedTimeUnixNano(oldest + 1)))).build();
        OtlpValidation.Result logResult = OtlpValidation.validate(new OtlpRequest(OtlpSignal.LOGS, OtlpEncoding.PROTOBUF, logs), oldest);
        assertThat(logResult.rejected()).isEqualTo(2);
        assertThat(logResult.accepted().logs().getResourceLogs(0).getScopeLogs(0).getLogRecordsCount()).isEqualTo(1);

        var metrics = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(ScopeMetrics.newBuilder()
                .addMetrics(Metric.newBuilder().setName("m").setGauge(Gauge.newBuilder()
                        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(oldest).setAsInt(1))
                        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(oldest - 1).setAsInt(2)))))).build();
        OtlpValidation.Result metricResult = OtlpValidation.validate(new OtlpRequest(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, metrics), oldest);
        assertThat(metricResult.errorMessage()).isEqualTo("1 data point rejected: older than the retention period");
    }
}
