package io.telemetryflow.telemetry.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.telemetryflow.ingest.otlp.OtlpEncoding;
import io.telemetryflow.ingest.otlp.OtlpRequest;
import io.telemetryflow.ingest.otlp.OtlpSignal;
import io.telemetryflow.ingest.otlp.TenantRequest;
import io.telemetryflow.tenancy.TenantPlacement;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LiveEventsTest {

    private static final TenantPlacement A = new TenantPlacement(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), java.util.UUID.randomUUID());
    private static final TenantPlacement B = new TenantPlacement(A.organizationId(), A.workspaceId(), java.util.UUID.randomUUID());

    @Test
    void logsPerTenantBoundedAndCut() {
        List<LogRecord> records = IntStream.range(0, LiveEvents.MAX_RECORDS_PER_BATCH + 5).mapToObj(i -> LogRecord.newBuilder()
                .setTimeUnixNano(1_700_000_000_000_000_000L + i).setSeverityNumberValue(17).setSeverityText("ERROR")
                .setBody(AnyValue.newBuilder().setStringValue(i == 0 ? "x".repeat(10_000) : "log " + i))
                .setTraceId(ByteString.copyFrom(new byte[16])).build()).toList();
        List<LiveEvent> events = LiveEvents.of(List.of(logs(A, "checkout", records), logs(B, "other", records.subList(0, 1))), 1L);

        List<LiveEvent.Logs> ofA = events.stream().filter(e -> e.tenantId().equals(A.tenantId())).map(LiveEvent.Logs.class::cast).toList();
        assertThat(ofA).hasSize(LiveEvents.MAX_RECORDS_PER_BATCH / LiveEvents.MAX_RECORDS_PER_EVENT);
        assertThat(ofA.stream().mapToInt(e -> e.logs().size()).sum()).isEqualTo(LiveEvents.MAX_RECORDS_PER_BATCH);
        assertThat(ofA.get(ofA.size() - 1).omitted()).isEqualTo(5);
        assertThat(ofA.get(0).omitted()).isZero();
        LiveEvent.Log first = ofA.get(0).logs().get(0);
        assertThat(first.body()).hasSize(LiveEvents.MAX_BODY_CHARS);
        assertThat(first.severityLevel()).isEqualTo("ERROR");
        assertThat(first.serviceName()).isEqualTo("checkout");
        assertThat(first.traceId()).as("all-zero id is none").isEmpty();
        assertThat(first.timestampUnixNano()).isEqualTo("1700000000000000000");
        assertThat(events.stream().filter(e -> e.tenantId().equals(B.tenantId())).toList()).hasSize(1);
    }

    @Test
    void logsPerTenantBoundedInSize() {
        List<LogRecord> records = IntStream.range(0, 1000).mapToObj(i -> LogRecord.newBuilder()
                .setBody(AnyValue.newBuilder().setStringValue("y".repeat(LiveEvents.MAX_BODY_CHARS))).build()).toList();
        List<LiveEvent.Logs> events = LiveEvents.of(List.of(logs(A, "s", records)), 1L).stream().map(LiveEvent.Logs.class::cast).toList();
        long kept = events.stream().mapToLong(e -> e.logs().size()).sum();
        assertThat(kept).isBetween(LiveEvents.MAX_LOG_CHARS_PER_BATCH / (LiveEvents.MAX_BODY_CHARS + 300),
                LiveEvents.MAX_LOG_CHARS_PER_BATCH / LiveEvents.MAX_BODY_CHARS + 1);
        assertThat(kept + events.get(events.size() - 1).omitted()).isEqualTo(1000);
    }

    @Test
    void rootAndEntrySpansOnly() {
        Span root = span("root", Span.SpanKind.SPAN_KIND_INTERNAL, new byte[0]);
        Span entry = span("entry", Span.SpanKind.SPAN_KIND_SERVER, new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
        Span client = span("client", Span.SpanKind.SPAN_KIND_CLIENT, new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(resource("api")).addScopeSpans(ScopeSpans.newBuilder().addSpans(root).addSpans(entry).addSpans(client))).build();
        List<LiveEvent> events = LiveEvents.of(List.of(new TenantRequest(A, new OtlpRequest(OtlpSignal.TRACES, OtlpEncoding.PROTOBUF, request),
                Instant.now())), 1L);
        assertThat(events).hasSize(1);
        LiveEvent.Traces traces = (LiveEvent.Traces) events.get(0);
        assertThat(traces.traces()).extracting(LiveEvent.Span::name).containsExactly("root", "entry");
        assertThat(traces.traces().get(0).durationNanos()).isEqualTo(2_000);
        assertThat(traces.traces().get(0).service()).isEqualTo("api");
    }

    @Test
    void dataPointsCountedPerService() {
        Metric metric = Metric.newBuilder().setName("m").setGauge(Gauge.newBuilder().addDataPoints(NumberDataPoint.getDefaultInstance())
                .addDataPoints(NumberDataPoint.getDefaultInstance())).build();
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource("a")).addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(metric)))
                .addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource("b")).addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(metric).addMetrics(metric)))
                .addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource("a")).addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(metric)))
                .build();
        List<LiveEvent> events = LiveEvents.of(List.of(new TenantRequest(A, new OtlpRequest(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, request),
                Instant.now())), 42L);
        assertThat(events).containsExactly(new LiveEvent.Metrics(A.tenantId(), 42L,
                List.of(new LiveEvent.ServiceCount("a", 4), new LiveEvent.ServiceCount("b", 4))));
    }

    private static TenantRequest logs(TenantPlacement tenant, String service, List<LogRecord> records) {
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(resource(service)).addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(records))).build();
        return new TenantRequest(tenant, new OtlpRequest(OtlpSignal.LOGS, OtlpEncoding.PROTOBUF, request), Instant.now());
    }

    private static Span span(String name, Span.SpanKind kind, byte[] parent) {
        return Span.newBuilder().setName(name).setKind(kind).setTraceId(ByteString.copyFrom(new byte[]{9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}))
                .setSpanId(ByteString.copyFrom(new byte[]{2, 2, 2, 2, 2, 2, 2, 2})).setParentSpanId(ByteString.copyFrom(parent))
                .setStartTimeUnixNano(1_000).setEndTimeUnixNano(3_000).build();
    }

    private static Resource resource(String service) {
        return Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                .setValue(AnyValue.newBuilder().setStringValue(service))).build();
    }
}
