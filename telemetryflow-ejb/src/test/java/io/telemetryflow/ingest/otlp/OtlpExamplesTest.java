package io.telemetryflow.ingest.otlp;

import static io.telemetryflow.ingest.otlp.OtlpExamples.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The example payloads published with opentelemetry-proto decode, and to the right values. */
class OtlpExamplesTest {

    private static final Map<String, OtlpSignal> SIGNAL_BY_FILE =
            Map.of("trace.json", OtlpSignal.TRACES, "metrics.json", OtlpSignal.METRICS, "logs.json", OtlpSignal.LOGS);

    private final OtlpCodec codec = new OtlpCodec();

    static Stream<String> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(OtlpExamples.dir())) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
            assertThat(names).as("example files").isNotEmpty();
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("exampleFiles")
    void everyExampleDecodesPlainAndGzippedAndSurvivesAPrintParseRoundTrip(String file) {
        OtlpSignal signal = SIGNAL_BY_FILE.get(file);
        assertThat(signal).as("signal for %s (a new example file needs an entry here)", file).isNotNull();
        byte[] json = OtlpExamples.read(file);

        OtlpRequest request = codec.decode(signal, "application/json", null, json);
        OtlpRequest gzipped = codec.decode(signal, "application/json; charset=utf-8", "gzip", OtlpExamples.gzip(json));
        OtlpRequest reparsed = codec.decode(signal, "application/json", null,
                OtlpJson.print(request.message()).getBytes(StandardCharsets.UTF_8));

        assertThat(request.signal()).isEqualTo(signal);
        assertThat(request.encoding()).isEqualTo(OtlpEncoding.JSON);
        assertThat(request.message()).isNotEqualTo(signal.emptyRequest());
        assertThat(gzipped.message()).isEqualTo(request.message());
        assertThat(reparsed.message()).isEqualTo(request.message());
        assertThat(OtlpValidation.validate(request).accepted()).as("the examples are valid").isSameAs(request);
    }

    @Test
    void traceExample() {
        var request = codec.decode(OtlpSignal.TRACES, "application/json", null, OtlpExamples.read("trace.json")).traces();

        var resourceSpans = request.getResourceSpans(0);
        assertThat(resourceSpans.getResource().getAttributesList()).containsExactly(string("service.name", "my.service"));
        var scope = resourceSpans.getScopeSpans(0).getScope();
        assertThat(scope.getName()).isEqualTo("my.library");
        assertThat(scope.getVersion()).isEqualTo("1.0.0");
        assertThat(scope.getAttributesList()).containsExactly(string("my.scope.attribute", "some scope attribute"));

        Span span = resourceSpans.getScopeSpans(0).getSpans(0);
        // upper-case hex in the file, the exact bytes in the message
        assertThat(span.getTraceId().toByteArray()).isEqualTo(hex("5b8efff798038103d269b633813fc60c"));
        assertThat(span.getSpanId().toByteArray()).isEqualTo(hex("eee19b7ec3c1b174"));
        assertThat(span.getParentSpanId().toByteArray()).isEqualTo(hex("eee19b7ec3c1b173"));
        assertThat(span.getName()).isEqualTo("I'm a server span");
        // 64-bit nanosecond timestamps written as JSON numbers, beyond double precision's exact range
        assertThat(span.getStartTimeUnixNano()).isEqualTo(1_544_712_660_000_000_000L);
        assertThat(span.getEndTimeUnixNano()).isEqualTo(1_544_712_661_000_000_000L);
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER); // "kind": 2
        assertThat(span.getAttributesList()).containsExactly(string("my.span.attr", "some value"));
    }

    @Test
    void metricsExample() {
        var request = codec.decode(OtlpSignal.METRICS, "application/json", null, OtlpExamples.read("metrics.json")).metrics();
        List<Metric> metrics = request.getResourceMetrics(0).getScopeMetrics(0).getMetricsList();
        assertThat(metrics).extracting(Metric::getName).containsExactly("my.counter", "my.gauge", "my.histogram");

        Metric counter = metrics.get(0);
        assertThat(counter.getUnit()).isEqualTo("1");
        assertThat(counter.getDescription()).isEqualTo("I`m a Counter");
        assertThat(counter.getSum().getAggregationTemporality())
                .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA); // "aggregationTemporality": 1
        assertThat(counter.getSum().getIsMonotonic()).isTrue();
        var counterPoint = counter.getSum().getDataPoints(0);
        assertThat(counterPoint.getAsDouble()).isEqualTo(5.0);
        assertThat(counterPoint.getStartTimeUnixNano()).isEqualTo(1_544_712_660_300_000_000L);
        assertThat(counterPoint.getTimeUnixNano()).isEqualTo(1_544_712_660_300_000_000L);
        assertThat(counterPoint.getAttributesList()).containsExactly(string("my.counter.attr", "some value"));

        var gaugePoint = metrics.get(1).getGauge().getDataPoints(0);
        assertThat(gaugePoint.getAsDouble()).isEqualTo(10.0);
        assertThat(gaugePoint.getStartTimeUnixNano()).isZero();
        assertThat(gaugePoint.getTimeUnixNano()).isEqualTo(1_544_712_660_300_000_000L);

        var histogram = metrics.get(2).getHistogram();
        assertThat(histogram.getAggregationTemporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
        var histogramPoint = histogram.getDataPoints(0);
        assertThat(histogramPoint.getCount()).isEqualTo(3);
        assertThat(histogramPoint.getSum()).isEqualTo(3.0);
        assertThat(histogramPoint.getBucketCountsList()).containsExactly(1L, 1L, 1L);
        assertThat(histogramPoint.getExplicitBoundsList()).containsExactly(1.0);
        assertThat(histogramPoint.getMin()).isEqualTo(1.0);
        assertThat(histogramPoint.getMax()).isEqualTo(1.0);
        assertThat(histogramPoint.hasMin()).isTrue();
    }

    @Test
    void logsExampleWithEveryAnyValueKind() {
        var request = codec.decode(OtlpSignal.LOGS, "application/json", null, OtlpExamples.read("logs.json")).logs();
        LogRecord log = request.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);

        assertThat(log.getTimeUnixNano()).isEqualTo(1_544_712_660_300_000_000L);
        assertThat(log.getObservedTimeUnixNano()).isEqualTo(1_544_712_660_300_000_000L);
        assertThat(log.getSeverityText()).isEqualTo("Information");
        assertThat(log.getTraceId().toByteArray()).isEqualTo(hex("5B8EFFF798038103D269B633813FC60C"));
        assertThat(log.getSpanId().toByteArray()).isEqualTo(hex("EEE19B7EC3C1B174"));
        assertThat(log.getBody()).isEqualTo(AnyValue.newBuilder().setStringValue("Example log record").build());

        Map<String, AnyValue> attributes = log.getAttributesList().stream()
                .collect(java.util.stream.Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
        assertThat(attributes.get("string.attribute").getStringValue()).isEqualTo("some string");
        assertThat(attributes.get("boolean.attribute").getValueCase()).isEqualTo(AnyValue.ValueCase.BOOL_VALUE);
        assertThat(attributes.get("boolean.attribute").getBoolValue()).isTrue();
        assertThat(attributes.get("int.attribute").getValueCase()).isEqualTo(AnyValue.ValueCase.INT_VALUE);
        assertThat(attributes.get("int.attribute").getIntValue()).isEqualTo(10L);
        assertThat(attributes.get("double.attribute").getDoubleValue()).isEqualTo(637.704);
        assertThat(attributes.get("array.attribute").getArrayValue().getValuesList())
                .extracting(AnyValue::getStringValue).containsExactly("many", "values");
        assertThat(attributes.get("map.attribute").getKvlistValue().getValuesList())
                .containsExactly(string("some.map.key", "some value"));
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
