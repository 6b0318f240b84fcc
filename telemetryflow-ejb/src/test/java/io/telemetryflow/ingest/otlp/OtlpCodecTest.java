package io.telemetryflow.ingest.otlp;

import static io.telemetryflow.ingest.otlp.OtlpExamples.gzip;
import static io.telemetryflow.ingest.otlp.OtlpExamples.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.Status;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP side of the codec: media types, content encodings, size limits, failures and response bodies. */
class OtlpCodecTest {

    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";
    private static final int MIB = 1024 * 1024;

    private final OtlpCodec codec = new OtlpCodec();

    static ExportTraceServiceRequest traces() {
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", "checkout")))
                .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("lib").setVersion("1"))
                        .addSpans(Span.newBuilder()
                                .setTraceId(ByteString.copyFrom(hex("5b8efff798038103d269b633813fc60c")))
                                .setSpanId(ByteString.copyFrom(hex("eee19b7ec3c1b174")))
                                .setParentSpanId(ByteString.copyFrom(hex("eee19b7ec3c1b173")))
                                .setName("GET /cart").setKind(Span.SpanKind.SPAN_KIND_SERVER)
                                .setStartTimeUnixNano(1_544_712_660_000_000_001L).setEndTimeUnixNano(1_544_712_661_000_000_000L)
                                .setStatus(io.opentelemetry.proto.trace.v1.Status.newBuilder().setCode(StatusCode.STATUS_CODE_ERROR))
                                .addAttributes(attribute("http.method", "GET")))))
                .build();
    }

    static ExportMetricsServiceRequest metrics() {
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("latency").setUnit("ms")
                        .setHistogram(Histogram.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                                .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(1_544_712_660_300_000_000L)
                                        .setCount(4).setSum(12.5).addAllBucketCounts(Arrays.asList(1L, 3L)).addExplicitBounds(5.0))))))
                .build();
    }

    static ExportLogsServiceRequest logs() {
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder()
                        .setTimeUnixNano(1_544_712_660_300_000_000L).setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN)
                        .setBody(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {(byte) 0xff, 0, 1}))))))
                .build();
    }

    static Message sample(OtlpSignal signal) {
        return switch (signal) {
            case TRACES -> traces();
            case METRICS -> metrics();
            case LOGS -> logs();
        };
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static OtlpException failure(org.junit.jupiter.api.function.Executable decoding) {
        OtlpException failure = assertThrows(OtlpException.class, decoding);
        assertThat(failure.getMessage()).isNotBlank().doesNotContain("\tat ", "Exception");
        return failure;
    }

    // --- round trips ---

    @ParameterizedTest
    @EnumSource(OtlpSignal.class)
    void protobufRoundTrip(OtlpSignal signal) {
        Message sent = sample(signal);
        OtlpRequest request = codec.decode(signal, PROTOBUF, null, sent.toByteArray());
        assertThat(request.message()).isEqualTo(sent);
        assertThat(request.signal()).isEqualTo(signal);
        assertThat(request.encoding()).isEqualTo(OtlpEncoding.PROTOBUF);
        assertThat(request.toProtobuf()).as("queued as received").isEqualTo(sent.toByteArray());
    }

    @Test
    void onlyAnUnchangedProtobufRequestKeepsItsReceivedBytes() {
        Message sent = sample(OtlpSignal.LOGS);
        byte[] json = OtlpJson.print(sent).getBytes(StandardCharsets.UTF_8);
        assertThat(codec.decode(OtlpSignal.LOGS, JSON, null, json).received()).isNull();
        OtlpRequest request = codec.decode(OtlpSignal.LOGS, PROTOBUF, null, sent.toByteArray());
        OtlpRequest changed = request.withMessage(OtlpSignal.LOGS.emptyRequest());
        assertThat(changed.received()).isNull();
        assertThat(changed.toProtobuf()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(OtlpSignal.class)
    void protobufRoundTripGzipped(OtlpSignal signal) throws IOException {
        Message sent = sample(signal);
        assertThat(codec.decode(signal, PROTOBUF, "gzip", -1, new ByteArrayInputStream(gzip(sent.toByteArray()))).message())
                .isEqualTo(sent);
    }

    @ParameterizedTest
    @EnumSource(OtlpSignal.class)
    void jsonRoundTripThroughTheOtlpJsonPrinter(OtlpSignal signal) {
        Message sent = sample(signal);
        byte[] json = OtlpJson.print(sent).getBytes(StandardCharsets.UTF_8);
        assertThat(codec.decode(signal, JSON, null, json).message()).isEqualTo(sent);
        assertThat(codec.decode(signal, JSON, "gzip", gzip(json)).message()).isEqualTo(sent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-protobuf", "Application/X-Protobuf", " application/x-protobuf ; charset=utf-8",
            "application/x-protobuf;proto=opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest"})
    void protobufMediaTypeWithParametersAndAnyCase(String contentType) {
        assertThat(codec.decode(OtlpSignal.TRACES, contentType, null, traces().toByteArray()).encoding()).isEqualTo(OtlpEncoding.PROTOBUF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "APPLICATION/JSON", "application/json; charset=utf-8", "application/json;charset=UTF-8"})
    void jsonMediaTypeWithParametersAndAnyCase(String contentType) {
        byte[] json = OtlpJson.print(traces()).getBytes(StandardCharsets.UTF_8);
        assertThat(codec.decode(OtlpSignal.TRACES, contentType, null, json).traces()).isEqualTo(traces());
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "IDENTITY", " ", ""})
    void identityOrNoEncoding(String contentEncoding) {
        assertThat(codec.decode(OtlpSignal.TRACES, PROTOBUF, contentEncoding, traces().toByteArray()).traces()).isEqualTo(traces());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "GZIP", " gzip ", "x-gzip"})
    void gzipInAnyCase(String contentEncoding) {
        assertThat(codec.decode(OtlpSignal.TRACES, PROTOBUF, contentEncoding, gzip(traces().toByteArray())).traces()).isEqualTo(traces());
    }

    @Test
    void concatenatedGzipMembersAreOneBody() {
        byte[] whole = traces().toByteArray();
        int half = whole.length / 2;
        var body = new ByteArrayOutputStream();
        body.writeBytes(gzip(Arrays.copyOfRange(whole, 0, half)));
        body.writeBytes(gzip(Arrays.copyOfRange(whole, half, whole.length)));
        assertThat(codec.decode(OtlpSignal.TRACES, PROTOBUF, "gzip", body.toByteArray()).traces()).isEqualTo(traces());
    }

    @ParameterizedTest
    @EnumSource(OtlpSignal.class)
    void emptyBodyIsAnEmptyRequestInEveryEncoding(OtlpSignal signal) {
        for (String contentType : new String[] {PROTOBUF, JSON}) {
            assertThat(codec.decode(signal, contentType, null, new byte[0]).message()).isEqualTo(signal.emptyRequest());
            assertThat(codec.decode(signal, contentType, "gzip", new byte[0]).message()).isEqualTo(signal.emptyRequest());
            assertThat(codec.decode(signal, contentType, "gzip", gzip(new byte[0])).message()).isEqualTo(signal.emptyRequest());
        }
        assertThat(codec.decode(signal, JSON, null, "{}".getBytes(StandardCharsets.UTF_8)).message()).isEqualTo(signal.emptyRequest());
    }

    @Test
    void typedAccessorsGuardTheSignal() {
        OtlpRequest request = codec.decode(OtlpSignal.LOGS, PROTOBUF, null, logs().toByteArray());
        assertThat(request.logs()).isEqualTo(logs());
        assertThatThrownBy(request::traces).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new OtlpRequest(OtlpSignal.TRACES, OtlpEncoding.JSON, logs()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- 415 ---

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/grpc", "application/protobuf", "application/jsonx", "multipart/form-data; boundary=x"})
    void otherMediaTypesAre415(String contentType) {
        OtlpException failure = failure(() -> codec.decode(OtlpSignal.TRACES, contentType, null, traces().toByteArray()));
        assertThat(failure.httpStatus()).isEqualTo(415);
        assertThat(failure.getMessage()).contains(contentType).contains("application/x-protobuf", "application/json");
        assertThat(failure.responseEncoding()).isEqualTo(OtlpEncoding.PROTOBUF);
    }

    @Test
    void missingContentTypeIs415() {
        assertThat(failure(() -> codec.decode(OtlpSignal.TRACES, null, null, new byte[0])).httpStatus()).isEqualTo(415);
        assertThat(failure(() -> codec.decode(OtlpSignal.TRACES, "  ", null, new byte[0])).httpStatus()).isEqualTo(415);
    }

    @ParameterizedTest
    @ValueSource(strings = {"br", "deflate", "zstd", "compress", "gzip, br"})
    void otherContentEncodingsAre415(String contentEncoding) {
        OtlpException failure = failure(() -> codec.decode(OtlpSignal.METRICS, JSON, contentEncoding, new byte[0]));
        assertThat(failure.httpStatus()).isEqualTo(415);
        assertThat(failure.getMessage()).contains("Content-Encoding", contentEncoding, "gzip");
    }

    // --- 400 ---

    @Test
    void truncatedProtobufIs400() {
        byte[] whole = traces().toByteArray();
        OtlpException failure = failure(() -> codec.decode(OtlpSignal.TRACES, PROTOBUF, null, Arrays.copyOf(whole, whole.length - 3)));
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.getMessage()).startsWith("invalid OTLP protobuf ExportTraceServiceRequest: ");
        assertThat(failure.responseEncoding()).isEqualTo(OtlpEncoding.PROTOBUF);
    }

    @Test
    void garbageProtobufIs400() {
        // field 1 with wire type 7, which does not exist
        byte[] garbage = {0x0f, 0x01, 0x02};
        assertThat(failure(() -> codec.decode(OtlpSignal.LOGS, PROTOBUF, null, garbage)).httpStatus()).isEqualTo(400);
        // JSON sent as protobuf
        byte[] json = "{\"resourceLogs\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThat(failure(() -> codec.decode(OtlpSignal.LOGS, PROTOBUF, null, json)).httpStatus()).isEqualTo(400);
    }

    @Test
    void malformedJsonIs400InJson() {
        OtlpException failure = failure(() -> codec.decode(OtlpSignal.LOGS, JSON, null, "{\"resourceLogs\":[".getBytes(StandardCharsets.UTF_8)));
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.getMessage()).startsWith("invalid OTLP/JSON ExportLogsServiceRequest: malformed JSON");
        assertThat(failure.responseEncoding()).isEqualTo(OtlpEncoding.JSON);
    }

    @Test
    void invalidGzipIs400() {
        byte[] notGzip = traces().toByteArray();
        OtlpException failure = failure(() -> codec.decode(OtlpSignal.TRACES, PROTOBUF, "gzip", notGzip));
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.getMessage()).startsWith("invalid gzip body");

        byte[] gzipped = gzip(traces().toByteArray());
        byte[] truncated = Arrays.copyOf(gzipped, gzipped.length / 2);
        assertThat(failure(() -> codec.decode(OtlpSignal.TRACES, PROTOBUF, "gzip", truncated)).httpStatus()).isEqualTo(400);

        byte[] corrupted = gzipped.clone();
        corrupted[corrupted.length - 6] ^= 0x55; // inside the CRC32 trailer
        assertThat(failure(() -> codec.decode(OtlpSignal.TRACES, PROTOBUF, "gzip", corrupted)).getMessage()).startsWith("invalid gzip body");
    }

    @Test
    void aFailingConnectionIsNotTheClientsBadData() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> codec.decode(OtlpSignal.TRACES, PROTOBUF, null, -1, broken)).isExactlyInstanceOf(IOException.class);
        assertThatThrownBy(() -> codec.decode(OtlpSignal.TRACES, PROTOBUF, "gzip", -1, broken)).isExactlyInstanceOf(IOException.class);
    }

    // --- 413 ---

    @Test
    void rawBodyOverTheLimitIs413() {
        var small = new OtlpCodec(100);
        byte[] body = new byte[101];
        OtlpException failure = failure(() -> small.decode(OtlpSignal.TRACES, PROTOBUF, null, body));
        assertThat(failure.httpStatus()).isEqualTo(413);
        assertThat(failure.getMessage()).isEqualTo("request body is larger than 100 bytes");
        // exactly at the limit is fine (these zeros are not a valid message, so 400: past the size check)
        assertThat(failure(() -> small.decode(OtlpSignal.TRACES, PROTOBUF, null, new byte[100])).httpStatus()).isEqualTo(400);
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeReadingAnything() {
        var small = new OtlpCodec(100);
        InputStream unread = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body was read");
            }
        };
        OtlpException failure = failure(() -> small.decode(OtlpSignal.LOGS, JSON, "gzip", 101, unread));
        assertThat(failure.httpStatus()).isEqualTo(413);
        assertThat(failure.responseEncoding()).isEqualTo(OtlpEncoding.JSON);
        assertThat(failure.getMessage()).isEqualTo("request body is larger than 100 bytes");
    }

    @Test
    void limitCountsTheDecompressedSize() {
        byte[] json = OtlpExamples.read("logs.json");
        byte[] compressed = gzip(json);
        var limited = new OtlpCodec(json.length - 1);
        assertThat(compressed.length).isLessThan(json.length - 1);

        OtlpException failure = failure(() -> limited.decode(OtlpSignal.LOGS, JSON, "gzip", compressed));
        assertThat(failure.httpStatus()).isEqualTo(413);
        assertThat(failure.getMessage()).isEqualTo("decompressed request body is larger than " + (json.length - 1) + " bytes");
        assertThat(failure.responseEncoding()).isEqualTo(OtlpEncoding.JSON);
        assertThat(new OtlpCodec(json.length).decode(OtlpSignal.LOGS, JSON, "gzip", compressed).logs().getResourceLogsCount()).isOne();
    }

    @Test
    void gzipBombStopsAtTheLimit() {
        byte[] bomb = OtlpExamples.gzippedZeros(1024); // 1 GiB of zeros in ~1 MB, never held inflated
        assertThat(bomb.length).isLessThan(MIB + MIB / 2);
        var body = new ByteArrayInputStream(bomb);

        OtlpException failure = failure(() -> new OtlpCodec(MIB).decode(OtlpSignal.METRICS, PROTOBUF, "gzip", -1, body));

        assertThat(failure.httpStatus()).isEqualTo(413);
        assertThat(failure.getMessage()).isEqualTo("decompressed request body is larger than " + MIB + " bytes");
        // it stopped once ~1 MiB was inflated, having read ~1/1000 of the compressed bytes rather than all of them
        long compressedBytesRead = bomb.length - body.available();
        assertThat(compressedBytesRead).isLessThan(8 * 1024);
    }

    @Test
    void theBombIsARealGzipStream() throws IOException {
        // so that the test above is stopped by the limit, not by a broken stream: a small one inflates completely
        // (GZIPInputStream checks the CRC and length trailer at the end)
        byte[] inflated = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(OtlpExamples.gzippedZeros(3))).readAllBytes();
        assertThat(inflated).hasSize(3 * MIB).containsOnly((byte) 0);
    }

    @Test
    void defaultLimitIs20MiB() {
        assertThat(new OtlpCodec().maxBodyBytes()).isEqualTo(20L * MIB);
        assertThatThrownBy(() -> new OtlpCodec(0)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- responses ---

    @Test
    void successResponsesLeavePartialSuccessUnset() throws IOException {
        assertThat(ExportTraceServiceResponse.parseFrom(OtlpCodec.encode(OtlpEncoding.PROTOBUF, OtlpSignal.TRACES.successResponse()))
                .hasPartialSuccess()).isFalse();
        assertThat(new String(OtlpCodec.encode(OtlpEncoding.JSON, OtlpSignal.LOGS.successResponse()), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void partialSuccessResponsesParseBackInBothEncodings() throws IOException {
        Message traces = OtlpSignal.TRACES.response(2, "2 spans rejected: trace_id must be 16 non-zero bytes");
        var tracesBack = ExportTraceServiceResponse.parseFrom(OtlpCodec.encode(OtlpEncoding.PROTOBUF, traces));
        assertThat(tracesBack.getPartialSuccess().getRejectedSpans()).isEqualTo(2);
        assertThat(tracesBack.getPartialSuccess().getErrorMessage()).isEqualTo("2 spans rejected: trace_id must be 16 non-zero bytes");

        String metricsJson = new String(OtlpCodec.encode(OtlpEncoding.JSON, OtlpSignal.METRICS.response(3, "bad points")), StandardCharsets.UTF_8);
        assertThat(metricsJson).isEqualTo("{\"partialSuccess\":{\"rejectedDataPoints\":\"3\",\"errorMessage\":\"bad points\"}}");
        var metricsBack = ExportMetricsServiceResponse.newBuilder();
        JsonFormat.parser().merge(metricsJson, metricsBack);
        assertThat(metricsBack.getPartialSuccess().getRejectedDataPoints()).isEqualTo(3);

        // a warning: nothing rejected, but a message, is still a partial_success the spec allows
        var logsBack = ExportLogsServiceResponse.parseFrom(OtlpCodec.encode(OtlpEncoding.PROTOBUF, OtlpSignal.LOGS.response(0, "slow down")));
        assertThat(logsBack.hasPartialSuccess()).isTrue();
        assertThat(logsBack.getPartialSuccess().getRejectedLogRecords()).isZero();
    }

    @Test
    void badRequestBecomesAStatusInTheRequestsEncoding() throws IOException {
        OtlpException json = failure(() -> codec.decode(OtlpSignal.TRACES, JSON, null, "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz\"}]}]}]}".getBytes(StandardCharsets.UTF_8)));
        String body = new String(codec.encodeError(json), StandardCharsets.UTF_8);
        var status = Status.newBuilder();
        JsonFormat.parser().usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder().add(BadRequest.getDescriptor()).build()).merge(body, status);
        assertThat(status.getCode()).isEqualTo(Code.INVALID_ARGUMENT_VALUE);
        assertThat(status.getMessage()).isEqualTo(json.getMessage()).contains("traceId");
        assertThat(status.getDetails(0).unpack(BadRequest.class).getFieldViolations(0).getDescription()).isEqualTo(json.getMessage());

        OtlpException protobuf = failure(() -> codec.decode(OtlpSignal.TRACES, PROTOBUF, null, new byte[] {0x0f}));
        Status parsed = Status.parseFrom(codec.encodeError(protobuf));
        assertThat(parsed.getMessage()).isEqualTo(protobuf.getMessage());
        assertThat(parsed.getDetailsCount()).isOne();
    }

    @Test
    void anUnsupportedContentEncodingIsAnsweredInTheRequestsEncoding() throws IOException {
        OtlpException json = failure(() -> codec.decode(OtlpSignal.LOGS, JSON, "deflate", new byte[0]));
        assertThat(json.httpStatus()).isEqualTo(415);
        assertThat(json.responseEncoding()).isEqualTo(OtlpEncoding.JSON);
        var status = Status.newBuilder();
        JsonFormat.parser().merge(new String(codec.encodeError(json), StandardCharsets.UTF_8), status);
        assertThat(status.getMessage()).contains("deflate");

        OtlpException protobuf = failure(() -> codec.decode(OtlpSignal.LOGS, PROTOBUF, "br", new byte[0]));
        assertThat(protobuf.responseEncoding()).isEqualTo(OtlpEncoding.PROTOBUF);
        assertThat(Status.parseFrom(codec.encodeError(protobuf)).getMessage()).contains("br");
    }

    @Test
    void unsupportedMediaTypeStatusIsProtobufForLackOfAnything() throws IOException {
        OtlpException failure = failure(() -> codec.decode(OtlpSignal.TRACES, "text/xml", null, new byte[0]));
        Status status = Status.parseFrom(codec.encodeError(failure));
        assertThat(status.getMessage()).contains("text/xml");
        assertThat(status.getDetailsCount()).isZero();
    }
}
