package io.telemetryflow.ingest.otlp;

import static io.telemetryflow.ingest.otlp.OtlpExamples.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OTLP/JSON deviations from proto3 JSON, through the codec's JSON path. */
class OtlpJsonTest {

    private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
    private static final String SPAN_ID = "eee19b7ec3c1b174";

    private final OtlpCodec codec = new OtlpCodec();

    private ExportTraceServiceRequest traces(String json) {
        return codec.decode(OtlpSignal.TRACES, "application/json", null, json.getBytes(StandardCharsets.UTF_8)).traces();
    }

    private OtlpException traceFailure(String json) {
        return assertThrows(OtlpException.class, () -> traces(json));
    }

    private static String spanJson(String spanFields) {
        return "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{" + spanFields + "}]}]}]}";
    }

    private static Span onlySpan(ExportTraceServiceRequest request) {
        return request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
    }

    @Test
    void lowerAndUpperCaseHexGiveTheSameBytes() {
        Span lower = onlySpan(traces(spanJson("\"traceId\":\"" + TRACE_ID + "\",\"spanId\":\"" + SPAN_ID + "\"")));
        Span upper = onlySpan(traces(spanJson("\"traceId\":\"" + TRACE_ID.toUpperCase() + "\",\"spanId\":\"" + SPAN_ID.toUpperCase() + "\"")));
        Span mixed = onlySpan(traces(spanJson("\"traceId\":\"5B8eFFf798038103d269B633813FC60c\",\"spanId\":\"EeE19b7EC3C1b174\"")));

        assertThat(lower.getTraceId().toByteArray()).isEqualTo(hex(TRACE_ID));
        assertThat(lower.getSpanId().toByteArray()).isEqualTo(hex(SPAN_ID));
        assertThat(upper).isEqualTo(lower);
        assertThat(mixed).isEqualTo(lower);
    }

    @Test
    void idsInLinksLogsAndExemplarsAreHexToo() {
        Span span = onlySpan(traces(spanJson("\"links\":[{\"traceId\":\"" + TRACE_ID + "\",\"spanId\":\"" + SPAN_ID + "\"}]")));
        assertThat(span.getLinks(0).getTraceId().toByteArray()).isEqualTo(hex(TRACE_ID));
        assertThat(span.getLinks(0).getSpanId().toByteArray()).isEqualTo(hex(SPAN_ID));

        ExportLogsServiceRequest logs = codec.decode(OtlpSignal.LOGS, "application/json", null, ("{\"resourceLogs\":[{\"scopeLogs\":"
                + "[{\"logRecords\":[{\"traceId\":\"" + TRACE_ID + "\",\"spanId\":\"" + SPAN_ID + "\"}]}]}]}")
                .getBytes(StandardCharsets.UTF_8)).logs();
        assertThat(logs.getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getSpanId().toByteArray()).isEqualTo(hex(SPAN_ID));

        ExportMetricsServiceRequest metrics = codec.decode(OtlpSignal.METRICS, "application/json", null, ("{\"resourceMetrics\":"
                + "[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"m\",\"sum\":{\"dataPoints\":[{\"timeUnixNano\":\"1\","
                + "\"exemplars\":[{\"traceId\":\"" + TRACE_ID + "\",\"spanId\":\"" + SPAN_ID + "\",\"asInt\":\"7\"}]}]}}]}]}]}")
                .getBytes(StandardCharsets.UTF_8)).metrics();
        Exemplar exemplar = metrics.getResourceMetrics(0).getScopeMetrics(0).getMetrics(0).getSum().getDataPoints(0).getExemplars(0);
        assertThat(exemplar.getTraceId().toByteArray()).isEqualTo(hex(TRACE_ID));
        assertThat(exemplar.getSpanId().toByteArray()).isEqualTo(hex(SPAN_ID));
        assertThat(exemplar.getAsInt()).isEqualTo(7);
    }

    @Test
    void protoFieldNamesAreMappedLikeJsonFormatDoesAndTheirIdsAreHexToo() {
        // the spec calls snake_case keys invalid; JsonFormat accepts them, and then they must not be read as base64
        Span span = onlySpan(traces(spanJson("\"trace_id\":\"" + TRACE_ID + "\",\"parent_span_id\":\"" + SPAN_ID + "\"")));
        assertThat(span.getTraceId().toByteArray()).isEqualTo(hex(TRACE_ID));
        assertThat(span.getParentSpanId().toByteArray()).isEqualTo(hex(SPAN_ID));
    }

    @Test
    void bytesThatAreNotIdsStayBase64() {
        ExportLogsServiceRequest logs = codec.decode(OtlpSignal.LOGS, "application/json", null,
                "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":{\"bytesValue\":\"AAEC\"}}]}]}]}"
                        .getBytes(StandardCharsets.UTF_8)).logs();
        assertThat(logs.getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getBody().getBytesValue())
                .isEqualTo(ByteString.copyFrom(new byte[] {0, 1, 2}));
    }

    @Test
    void unknownFieldsAreIgnoredAtEveryLevel() {
        ExportTraceServiceRequest request = traces("{\"futureTopLevel\":{\"traceId\":\"not hex, and not ours\"},"
                + "\"resourceSpans\":[{\"newThing\":[1,{\"a\":[]}],\"scopeSpans\":[{\"spans\":[{\"traceId\":\"" + TRACE_ID
                + "\",\"someNewField\":\"x\",\"flagsV2\":12,\"name\":\"s\"}]}]}]}");
        assertThat(onlySpan(request).getName()).isEqualTo("s");
        assertThat(onlySpan(request).getTraceId().toByteArray()).isEqualTo(hex(TRACE_ID));
    }

    @Test
    void int64AsNumberOrStringAndWithoutPrecisionLoss() {
        // 1544712660000000001 is not representable as a double: it must not go through one
        Span asNumber = onlySpan(traces(spanJson("\"startTimeUnixNano\":1544712660000000001,\"endTimeUnixNano\":18446744073709551615")));
        Span asString = onlySpan(traces(spanJson("\"startTimeUnixNano\":\"1544712660000000001\",\"endTimeUnixNano\":\"18446744073709551615\"")));
        assertThat(asNumber.getStartTimeUnixNano()).isEqualTo(1_544_712_660_000_000_001L);
        assertThat(asNumber.getEndTimeUnixNano()).isEqualTo(-1L); // fixed64 max, as Java's signed long
        assertThat(asString).isEqualTo(asNumber);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1e3000000\"", "1e3000000", "1e3", "\"1e3\"", "1E3", "1.5", "\"1.5\"", "1.0", "-0.5",
            "123456789012345678901", "\"123456789012345678901\"", "\"184467440737095516150\"", "\"+5\"", "\" 5\"", "\"\""})
    void integerFieldsTakeOnlyPlainIntegersOfAtMost20Digits(String literal) {
        OtlpException failure = traceFailure(spanJson("\"startTimeUnixNano\":" + literal));
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.responseEncoding()).isEqualTo(OtlpEncoding.JSON);
        assertThat(failure.getMessage()).startsWith("invalid OTLP/JSON ExportTraceServiceRequest: startTimeUnixNano at "
                + "$.resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano must be an integer of at most 20 digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // every kind of OTLP integer field, as a number and as a string: fixed64, uint64, int64, sfixed64, uint32, fixed32, enum
            "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"observedTimeUnixNano\":1e3000000}]}]}]}",
            "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"flags\":\"1e3\"}]}]}]}",
            "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"severityNumber\":9.5}]}]}]}",
            "{\"resourceLogs\":[{\"resource\":{\"droppedAttributesCount\":\"2e1\"}}]}",
            "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"attributes\":[{\"key\":\"k\",\"value\":{\"intValue\":\"1e3000000\"}}]}]}]}]}",
            "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"histogram\":{\"dataPoints\":[{\"count\":\"1e3000000\"}]}}]}]}]}",
            "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"histogram\":{\"dataPoints\":[{\"bucketCounts\":[\"1\",2,3e2]}]}}]}]}]}",
            "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"gauge\":{\"dataPoints\":[{\"asInt\":\"1.5\"}]}}]}]}]}",
            "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"sum\":{\"aggregationTemporality\":1e9}}]}]}]}",
            "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"exponentialHistogram\":{\"dataPoints\":[{\"scale\":1e2}]}}]}]}]}",
    })
    void everyIntegerFieldRefusesExponentsAndFractionsAndNamesTheField(String json) {
        OtlpSignal signal = json.startsWith("{\"resourceLogs\"") ? OtlpSignal.LOGS : OtlpSignal.METRICS;
        OtlpException failure = assertThrows(OtlpException.class,
                () -> codec.decode(signal, "application/json", null, json.getBytes(StandardCharsets.UTF_8)));
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.getMessage()).containsPattern("[a-zA-Z]+ at \\$\\.resource[^ ]* must be an integer of at most 20 digits");
    }

    @Test
    void integersUpToTheirLimitsAreAccepted() {
        Span span = onlySpan(traces(spanJson("\"startTimeUnixNano\":\"18446744073709551615\",\"endTimeUnixNano\":18446744073709551615,"
                + "\"droppedAttributesCount\":\"007\",\"kind\":\"SPAN_KIND_SERVER\",\"attributes\":[{\"key\":\"k\",\"value\":"
                + "{\"intValue\":\"-9223372036854775808\"}}]")));
        assertThat(span.getStartTimeUnixNano()).isEqualTo(-1L); // unsigned max as Java's signed long
        assertThat(span.getEndTimeUnixNano()).isEqualTo(-1L);
        assertThat(span.getDroppedAttributesCount()).isEqualTo(7);
        assertThat(span.getAttributes(0).getValue().getIntValue()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void floatingPointFieldsKeepExponentsWithinABoundedLength() {
        ExportMetricsServiceRequest metrics = codec.decode(OtlpSignal.METRICS, "application/json", null, ("{\"resourceMetrics\":"
                + "[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"m\",\"histogram\":{\"dataPoints\":[{\"timeUnixNano\":\"1\","
                + "\"sum\":1.5e3,\"min\":\"-2E-3\",\"max\":\"Infinity\",\"explicitBounds\":[1e2,2.5e-1]}]}}]}]}]}")
                .getBytes(StandardCharsets.UTF_8)).metrics();
        var point = metrics.getResourceMetrics(0).getScopeMetrics(0).getMetrics(0).getHistogram().getDataPoints(0);
        assertThat(point.getSum()).isEqualTo(1500.0);
        assertThat(point.getMin()).isEqualTo(-0.002);
        assertThat(point.getMax()).isInfinite();
        assertThat(point.getExplicitBoundsList()).containsExactly(100.0, 0.25);

        String tooLong = "1." + "0".repeat(40);
        OtlpException failure = assertThrows(OtlpException.class, () -> codec.decode(OtlpSignal.METRICS, "application/json", null,
                ("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"gauge\":{\"dataPoints\":[{\"asDouble\":" + tooLong
                        + "}]}}]}]}]}").getBytes(StandardCharsets.UTF_8)));
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.getMessage()).contains("asDouble at $.resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].asDouble "
                + "must be a number of at most 32 characters");
    }

    @Test
    void numbersInUnknownFieldsAreBoundedToo() {
        assertThat(traceFailure(spanJson("\"someNewField\":" + "9".repeat(100))).getMessage())
                .contains("a number at $.resourceSpans[0].scopeSpans[0].spans[0].someNewField must be a number of at most 32 characters");
        assertThat(onlySpan(traces(spanJson("\"someNewField\":\"" + "9".repeat(100) + "\",\"name\":\"s\""))).getName()).isEqualTo("s");
    }

    @Test
    void enumsAsIntegersAndLeniencyForNames() {
        assertThat(onlySpan(traces(spanJson("\"kind\":3"))).getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        // the spec forbids names for senders; JsonFormat accepts them and being lenient costs nothing
        assertThat(onlySpan(traces(spanJson("\"kind\":\"SPAN_KIND_CLIENT\""))).getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        // an integer this version does not know is kept (open proto3 enum), as binary protobuf would
        assertThat(onlySpan(traces(spanJson("\"kind\":42"))).getKindValue()).isEqualTo(42);
    }

    @Test
    void nullValuesMeanAbsent() {
        Span span = onlySpan(traces(spanJson("\"traceId\":null,\"name\":null,\"attributes\":null")));
        assertThat(span).isEqualTo(Span.getDefaultInstance());
    }

    @Test
    void base64IdIsRejectedAndSaysWhere() {
        String base64 = java.util.Base64.getEncoder().encodeToString(hex(TRACE_ID)); // W47/95gDgQPSabYzgT/GDA==
        OtlpException failure = traceFailure(spanJson("\"traceId\":\"" + base64 + "\""));
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.responseEncoding()).isEqualTo(OtlpEncoding.JSON);
        assertThat(failure.getMessage())
                .contains("$.resourceSpans[0].scopeSpans[0].spans[0].traceId")
                .contains("must be a hex string")
                .contains(base64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "zz", "0x12", "12 34", "éé"})
    void notHexIsA400(String id) {
        assertThat(traceFailure(spanJson("\"spanId\":\"" + id + "\"")).httpStatus()).isEqualTo(400);
    }

    @Test
    void wrongLengthAndZeroIdsDecode_theyAreValidationsBusiness() {
        Span span = onlySpan(traces(spanJson("\"traceId\":\"0000\",\"spanId\":\"\"")));
        assertThat(span.getTraceId().toByteArray()).isEqualTo(new byte[2]);
        assertThat(span.getSpanId().isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"resourceSpans\":[",                 // truncated
            "{\"resourceSpans\":[]}}",              // extra bracket
            "{\"resourceSpans\":[]} {}",            // two documents
            "{'resourceSpans':[]}",                 // single quotes
            "{\"resourceSpans\":[],}",              // trailing comma
            "{/* c */\"resourceSpans\":[]}",        // comment
            "{resourceSpans:[]}",                   // unquoted name
            "[]",                                   // not an object
            "\"resourceSpans\"",
            "   ",
            "{\"resourceSpans\":{\"scopeSpans\":1}}", // right JSON, wrong shape
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"soon\"}]}]}]}",
    })
    void malformedJsonIsA400WithAMessage(String json) {
        OtlpException failure = traceFailure(json);
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.getMessage()).startsWith("invalid OTLP/JSON ExportTraceServiceRequest: ").doesNotContain("\tat ");
    }

    @Test
    void syntaxErrorsSayWhereWithoutGsonAdvice() {
        String message = traceFailure("{\"resourceSpans\":[],}").getMessage();
        assertThat(message).startsWith("invalid OTLP/JSON ExportTraceServiceRequest: malformed JSON: ")
                .contains("line 1 column").doesNotContain("setStrictness", "http", "\n");
    }

    @Test
    void messagesQuotingTheInputAreCappedInLength() {
        // JsonFormat quotes the offending element, which could be megabytes
        String message = traceFailure("{\"resourceSpans\":{\"x\":\"" + "a".repeat(100_000) + "\"}}").getMessage();
        assertThat(message).hasSizeLessThanOrEqualTo(513).endsWith("…");
    }

    @Test
    void hostileNestingIsA400NotAStackOverflow() {
        String deep = "{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThat(traceFailure(deep).httpStatus()).isEqualTo(400);

        // deep but legal AnyValue nesting within the limits still decodes
        String value = "{\"stringValue\":\"leaf\"}";
        for (int i = 0; i < 20; i++) {
            value = "{\"arrayValue\":{\"values\":[" + value + "]}}";
        }
        Span span = onlySpan(traces(spanJson("\"attributes\":[{\"key\":\"k\",\"value\":" + value + "}]")));
        assertThat(span.getAttributes(0).getValue().hasArrayValue()).isTrue();
    }

    @Test
    void invalidUtf8IsA400() {
        byte[] body = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"xx\"}]}]}]}".getBytes(StandardCharsets.UTF_8);
        int at = new String(body, StandardCharsets.UTF_8).indexOf("xx");
        body[at] = (byte) 0xC3; // a lead byte followed by an ASCII byte
        byte[] broken = body;
        OtlpException failure = assertThrows(OtlpException.class,
                () -> codec.decode(OtlpSignal.TRACES, "application/json", null, broken));
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.getMessage()).contains("UTF-8");
    }

    @Test
    void printWritesOtlpJson_hexIdsIntegerEnumsCamelCase() {
        var request = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("m")
                        .setGauge(Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(5).setAsInt(1)
                                .addExemplars(Exemplar.newBuilder().setTraceId(ByteString.copyFrom(hex(TRACE_ID)))
                                        .setSpanId(ByteString.copyFrom(hex(SPAN_ID))))))))).build();
        String json = OtlpJson.print(request);
        assertThat(json).contains("\"traceId\":\"" + TRACE_ID + "\"", "\"spanId\":\"" + SPAN_ID + "\"", "\"timeUnixNano\":\"5\"")
                .doesNotContain(" ", "\n", "time_unix_nano");

        var traces = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(
                ScopeSpans.newBuilder().addSpans(Span.newBuilder().setKind(Span.SpanKind.SPAN_KIND_PRODUCER)))).build();
        assertThat(OtlpJson.print(traces)).contains("\"kind\":4");
    }
}
