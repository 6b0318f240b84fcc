package io.telemetryflow.ingest.otlp;

import static io.telemetryflow.ingest.otlp.OtlpExamples.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
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
import io.opentelemetry.proto.resource.v1.Resource;
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

    private static OtlpValidation.Result validate(OtlpSignal signal, com.google.protobuf.Message message, long oldest, long newest) {
        return OtlpValidation.validate(new OtlpRequest(signal, OtlpEncoding.PROTOBUF, message), oldest, newest, OtlpAttributeLimits.DEFAULTS);
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
        OtlpValidation.Result traces = validate(OtlpSignal.TRACES, spans, oldest, OtlpValidation.NO_UPPER_BOUND);
        assertThat(traces.errorMessage()).isEqualTo("1 span rejected: older than the retention period");
        assertThat(traces.accepted().traces().getResourceSpans(0).getScopeSpans(0).getSpans(0).getName()).isEqualTo("recent");

        var logs = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                .addLogRecords(LogRecord.newBuilder().setBody(io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue("no time: kept")))
                .addLogRecords(LogRecord.newBuilder().setObservedTimeUnixNano(oldest - 1))
                .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(oldest - 1).setObservedTimeUnixNano(oldest + 1)))).build();
        OtlpValidation.Result logResult = validate(OtlpSignal.LOGS, logs, oldest, OtlpValidation.NO_UPPER_BOUND);
        assertThat(logResult.rejected()).isEqualTo(2);
        assertThat(logResult.accepted().logs().getResourceLogs(0).getScopeLogs(0).getLogRecordsCount()).isEqualTo(1);

        var metrics = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(ScopeMetrics.newBuilder()
                .addMetrics(Metric.newBuilder().setName("m").setGauge(Gauge.newBuilder()
                        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(oldest).setAsInt(1))
                        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(oldest - 1).setAsInt(2)))))).build();
        OtlpValidation.Result metricResult = validate(OtlpSignal.METRICS, metrics, oldest, OtlpValidation.NO_UPPER_BOUND);
        assertThat(metricResult.errorMessage()).isEqualTo("1 data point rejected: older than the retention period");
    }

    @Test
    void itemsWithATimestampTooFarInTheFutureAreRejectedWhateverTheSignal() {
        long newest = 2_000_000_000_000_000_000L;
        var spans = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                .addSpans(span("at the bound", TRACE_ID, SPAN_ID).toBuilder().setStartTimeUnixNano(newest - 5).setEndTimeUnixNano(newest))
                .addSpans(span("starts later", TRACE_ID, SPAN_ID).toBuilder().setStartTimeUnixNano(newest + 1).setEndTimeUnixNano(newest + 2))
                .addSpans(span("ends later", TRACE_ID, SPAN_ID).toBuilder().setStartTimeUnixNano(newest - 5).setEndTimeUnixNano(newest + 1))
                .addSpans(span("year 2554", TRACE_ID, SPAN_ID).toBuilder().setStartTimeUnixNano(-1L)))).build();
        OtlpValidation.Result traces = validate(OtlpSignal.TRACES, spans, 0, newest);
        assertThat(traces.rejected()).isEqualTo(3);
        assertThat(traces.errorMessage()).isEqualTo("3 spans rejected: timestamp too far in the future");
        assertThat(traces.accepted().traces().getResourceSpans(0).getScopeSpans(0).getSpansList()).extracting(Span::getName)
                .containsExactly("at the bound");
        assertThat(((ExportTraceServiceResponse) traces.response()).getPartialSuccess().getRejectedSpans()).isEqualTo(3);

        var logs = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                .addLogRecords(LogRecord.newBuilder().setSeverityText("no time: kept"))
                .addLogRecords(LogRecord.newBuilder().setSeverityText("kept").setTimeUnixNano(newest).setObservedTimeUnixNano(newest))
                .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(newest + 1))
                .addLogRecords(LogRecord.newBuilder().setObservedTimeUnixNano(newest + 1))
                .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1).setObservedTimeUnixNano(newest + 1)))).build();
        OtlpValidation.Result logResult = validate(OtlpSignal.LOGS, logs, 0, newest);
        assertThat(logResult.errorMessage()).isEqualTo("3 log records rejected: timestamp too far in the future");
        assertThat(logResult.accepted().logs().getResourceLogs(0).getScopeLogs(0).getLogRecordsList())
                .extracting(LogRecord::getSeverityText).containsExactly("no time: kept", "kept");
        assertThat(((ExportLogsServiceResponse) logResult.response()).getPartialSuccess().getRejectedLogRecords()).isEqualTo(3);

        var metrics = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(ScopeMetrics.newBuilder()
                .addMetrics(Metric.newBuilder().setName("m").setSum(Sum.newBuilder()
                        .addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(1).setTimeUnixNano(newest).setAsInt(1))
                        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(newest + 1).setAsInt(2))
                        .addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(newest + 1).setTimeUnixNano(newest).setAsInt(3))))
                .addMetrics(Metric.newBuilder().setName("h").setHistogram(Histogram.newBuilder()
                        .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(newest + 1)))))).build();
        OtlpValidation.Result metricResult = validate(OtlpSignal.METRICS, metrics, 0, newest);
        assertThat(metricResult.errorMessage()).isEqualTo("3 data points rejected: timestamp too far in the future");
        assertThat(metricResult.accepted().metrics().getResourceMetrics(0).getScopeMetrics(0).getMetrics(0).getSum().getDataPointsList())
                .extracting(NumberDataPoint::getAsInt).containsExactly(1L);
    }

    private static final OtlpAttributeLimits SMALL = new OtlpAttributeLimits(2, 5, 4);

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue attribute(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    private static OtlpValidation.Result validateSmall(OtlpSignal signal, com.google.protobuf.Message message) {
        return OtlpValidation.validate(new OtlpRequest(signal, OtlpEncoding.JSON, message), 0, OtlpValidation.NO_UPPER_BOUND, SMALL);
    }

    @Test
    void attributesOverTheLimitsAreDroppedAndCountedOrTruncatedOnEveryPartOfASpanRequest() {
        var request = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("a", "1")).addAttributes(attribute("b", "2"))
                        .addAttributes(attribute("c", "3")).setDroppedAttributesCount(4))
                .addScopeSpans(ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("lib").addAttributes(attribute("longkey", "x")))
                        .addSpans(span("s", TRACE_ID, SPAN_ID).toBuilder()
                                .addAttributes(attribute("long", "12345"))
                                .addAttributes(attribute("emoji", "abc\uD83D\uDE00")) // the 4th char is half a pair
                                .addAttributes(attribute("third", "dropped"))
                                .addEvents(Span.Event.newBuilder().setName("e").addAttributes(attribute("toolongkey", "v")))
                                .addLinks(Span.Link.newBuilder().setTraceId(TRACE_ID).addAttributes(attribute("bytes",
                                        AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5})).build()))))))
                .build();

        OtlpValidation.Result result = validateSmall(OtlpSignal.TRACES, request);

        assertThat(result.rejected()).isZero();
        var resource = result.accepted().traces().getResourceSpans(0);
        assertThat(resource.getResource().getAttributesList()).extracting(KeyValue::getKey).containsExactly("a", "b");
        assertThat(resource.getResource().getDroppedAttributesCount()).as("added to what the sender dropped").isEqualTo(5);
        assertThat(resource.getScopeSpans(0).getScope().getAttributesList()).isEmpty();
        assertThat(resource.getScopeSpans(0).getScope().getDroppedAttributesCount()).isEqualTo(1);
        assertThat(resource.getScopeSpans(0).getScope().getName()).isEqualTo("lib");
        Span span = resource.getScopeSpans(0).getSpans(0);
        assertThat(span.getAttributesList()).containsExactly(attribute("long", "1234"), attribute("emoji", "abc"));
        assertThat(span.getDroppedAttributesCount()).isEqualTo(1);
        assertThat(span.getEvents(0).getAttributesList()).isEmpty();
        assertThat(span.getEvents(0).getDroppedAttributesCount()).isEqualTo(1);
        assertThat(span.getLinks(0).getAttributes(0).getValue().getBytesValue()).isEqualTo(ByteString.copyFrom(new byte[] {1, 2, 3, 4}));
        assertThat(span.getLinks(0).getDroppedAttributesCount()).isZero();
        assertThat(span.getName()).isEqualTo("s");
        assertThat(result.errorMessage()).isEqualTo("4 attributes dropped and 3 attribute values truncated "
                + "(over the server's attribute count or length limits)");
        var partial = ((ExportTraceServiceResponse) result.response()).getPartialSuccess();
        assertThat(partial.getRejectedSpans()).as("a warning: nothing rejected").isZero();
        assertThat(partial.getErrorMessage()).isEqualTo(result.errorMessage());
    }

    @Test
    void arraysAndKeyValueListsInsideValuesAreBoundedLikeAttributes() {
        AnyValue array = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                .addValues(AnyValue.newBuilder().setStringValue("abcdef")).addValues(AnyValue.newBuilder().setIntValue(2))
                .addValues(AnyValue.newBuilder().setIntValue(3))).build();
        AnyValue map = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(attribute("ok", "fine")).addValues(attribute("toolongkey", "x"))).build();
        var request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                .addLogRecords(LogRecord.newBuilder().addAttributes(attribute("array", array)).addAttributes(attribute("map", map))
                        .setBody(AnyValue.newBuilder().setStringValue("the body is not an attribute: not truncated"))))).build();

        OtlpValidation.Result result = validateSmall(OtlpSignal.LOGS, request);

        LogRecord log = result.accepted().logs().getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
        assertThat(log.getAttributes(0).getValue().getArrayValue().getValuesList()).containsExactly(
                AnyValue.newBuilder().setStringValue("abcd").build(), AnyValue.newBuilder().setIntValue(2).build());
        assertThat(log.getAttributes(1).getValue().getKvlistValue().getValuesList()).containsExactly(attribute("ok", "fine"));
        assertThat(log.getDroppedAttributesCount()).as("entries of a value are not the record's attributes").isZero();
        assertThat(log.getBody().getStringValue()).isEqualTo("the body is not an attribute: not truncated");
        assertThat(result.errorMessage()).startsWith("0 attributes dropped and 3 attribute values truncated");
    }

    @Test
    void dataPointsOverTheAttributeLimitsAreRejectedAndMetadataAndExemplarsTrimmed() {
        NumberDataPoint fine = NumberDataPoint.newBuilder().setTimeUnixNano(1).setAsInt(1).addAttributes(attribute("host", "a"))
                .addExemplars(Exemplar.newBuilder().setAsInt(1).addFilteredAttributes(attribute("user", "verylong"))).build();
        var request = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(ScopeMetrics.newBuilder()
                .addMetrics(Metric.newBuilder().setName("m").addMetadata(attribute("k1", "v")).addMetadata(attribute("k2", "v"))
                        .addMetadata(attribute("k3", "v")).setGauge(Gauge.newBuilder()
                                .addDataPoints(fine)
                                .addDataPoints(fine.toBuilder().setAsInt(2).addAttributes(attribute("b", "2")).addAttributes(attribute("c", "3")))
                                .addDataPoints(fine.toBuilder().setAsInt(3).addAttributes(attribute("region", "x")))
                                .addDataPoints(fine.toBuilder().setAsInt(4).addAttributes(attribute("b", "long value")))))
                .addMetrics(Metric.newBuilder().setName("h").setHistogram(Histogram.newBuilder()
                        .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(1).addAttributes(attribute("b", "12345")))))))
                .build();

        OtlpValidation.Result result = validateSmall(OtlpSignal.METRICS, request);

        assertThat(result.rejected()).isEqualTo(4);
        assertThat(result.errorMessage()).isEqualTo("4 data points rejected: more than 2 attributes (or elements in an attribute value) (1); "
                + "attribute key longer than 5 characters (1); attribute value longer than 4 characters (2); "
                + "1 attribute dropped and 1 attribute value truncated (over the server's attribute count or length limits)");
        Metric metric = result.accepted().metrics().getResourceMetrics(0).getScopeMetrics(0).getMetrics(0);
        assertThat(metric.getGauge().getDataPointsList()).extracting(NumberDataPoint::getAsInt).containsExactly(1L);
        assertThat(metric.getGauge().getDataPoints(0).getAttributesList()).as("kept points are not trimmed").containsExactly(attribute("host", "a"));
        assertThat(metric.getGauge().getDataPoints(0).getExemplars(0).getFilteredAttributesList()).containsExactly(attribute("user", "very"));
        assertThat(metric.getMetadataList()).extracting(KeyValue::getKey).containsExactly("k1", "k2");
        assertThat(((ExportMetricsServiceResponse) result.response()).getPartialSuccess().getRejectedDataPoints()).isEqualTo(4);
    }

    @Test
    void droppedCountsSaturateAtTheLargestUint32() {
        var request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                .addLogRecords(LogRecord.newBuilder().setDroppedAttributesCount(-2) // 4294967294 as uint32
                        .addAttributes(attribute("a", "1")).addAttributes(attribute("b", "2"))
                        .addAttributes(attribute("c", "3")).addAttributes(attribute("d", "4"))))).build();

        LogRecord log = validateSmall(OtlpSignal.LOGS, request).accepted().logs().getResourceLogs(0).getScopeLogs(0).getLogRecords(0);

        assertThat(Integer.toUnsignedLong(log.getDroppedAttributesCount())).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void attributeLimitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new OtlpAttributeLimits(0, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> new OtlpAttributeLimits(2, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> new OtlpAttributeLimits(2, 5, 1));
    }

    @Test
    void moreItemsThanTheLimitIsA400InTheRequestsEncoding() {
        var request = new OtlpRequest(OtlpSignal.LOGS, OtlpEncoding.JSON, ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                        .addLogRecords(LogRecord.getDefaultInstance()).addLogRecords(LogRecord.getDefaultInstance())))
                .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                        .addLogRecords(LogRecord.getDefaultInstance()))).build());

        OtlpItems.requireAtMost(3, request); // at the limit: fine
        OtlpException failure = assertThrows(OtlpException.class, () -> OtlpItems.requireAtMost(2, request));

        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.responseEncoding()).isEqualTo(OtlpEncoding.JSON);
        assertThat(failure.getMessage()).isEqualTo("the request carries 3 log records; at most 2 are accepted per request, send smaller batches");
    }
}
