package io.telemetryflow.telemetry.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.telemetryflow.ingest.otlp.OtlpEncoding;
import io.telemetryflow.ingest.otlp.OtlpRequest;
import io.telemetryflow.ingest.otlp.OtlpSignal;
import io.telemetryflow.platform.clickhouse.ClickHouseClients;
import io.telemetryflow.ingest.store.ClickHouseTelemetryWriter;
import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.AttributeFilter;
import io.telemetryflow.telemetry.QueryLimits;
import io.telemetryflow.telemetry.TelemetryQueries;
import io.telemetryflow.telemetry.TimeRange;
import io.telemetryflow.tenancy.TenantPlacement;
import io.telemetryflow.testsupport.TestDatabases;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link TraceReader} against a real ClickHouse with the real migrations (own database), data written with
 * {@link ClickHouseTelemetryWriter} from OTLP protos: exact search results, trace trees, service-map edges and RED
 * numbers, including percentiles.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // guards against a hung server, not a performance claim
class TraceReaderIT {

    private static final String DATABASE = TestDatabases.uniqueName("tf_traces_it");

    static final String CHECKOUT = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String WORKER = "0af7651916cd43dd8448eb211c80319c";
    private static final long MS = 1_000_000L;
    /** A whole minute about an hour ago. */
    private static final long BASE = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.HOURS).getEpochSecond() * 1_000_000_000L;
    private static final TimeRange RANGE = TimeRange.of(instant(BASE).minus(10, ChronoUnit.MINUTES), instant(BASE).plus(10, ChronoUnit.MINUTES));

    private static final TenantPlacement TENANT = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    private static final TenantPlacement OTHER = new TenantPlacement(TENANT.organizationId(), TENANT.workspaceId(), UUID.randomUUID());

    private static ClickHouseConnector clickHouse;
    private static TelemetryQueries queries;
    private static TraceReader reader;

    @BeforeAll
    static void migrateAndWrite() throws Exception {
        clickHouse = TestDatabases.migratedClickHouse(DATABASE, "traces-it");
        try (ClickHouseTelemetryWriter writer = new ClickHouseTelemetryWriter(clickHouse)) {
            writer.write("traces-a", TENANT, traces(tenantSpans()));
            writer.write("traces-b", OTHER, traces(intruderSpans()));
        }
        queries = new TelemetryQueries(ClickHouseClients.create(clickHouse.settings()), QueryLimits.defaults());
        reader = new TraceReader(queries, ForkJoinPool.commonPool());
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (queries != null) {
            queries.close();
        }
        TestDatabases.drop(clickHouse);
    }

    // ---------------------------------------------------------------------------------------------
    // search

    @Test
    void searchSummarizesEachMatchingTraceNewestFirst() {
        TraceSearchResult result = reader.search(TENANT, search(null, null, null, null, null, List.of(), 50), RANGE);
        assertThat(result.hasMore()).isFalse();
        assertThat(result.traces()).extracting(TraceSummary::traceId).containsExactly(api(9), api(8), api(7), api(6), api(5), api(4),
                api(3), api(2), api(1), api(0), WORKER, CHECKOUT);
        assertThat(result.traces()).filteredOn(trace -> trace.traceId().equals(CHECKOUT)).singleElement().isEqualTo(new TraceSummary(
                CHECKOUT, "frontend", "GET /checkout", false, Long.toString(BASE), 400 * MS, 8, 1, List.of("cart", "frontend", "payment")));
        assertThat(result.traces()).filteredOn(trace -> trace.traceId().equals(WORKER)).singleElement().isEqualTo(new TraceSummary(
                WORKER, "worker", "consume orders", true, Long.toString(BASE + 5_000 * MS), 2_000 * MS, 2, 0, List.of("worker")));
    }

    @Test
    void searchFiltersOnAnySpanOfTheTrace() {
        assertThat(ids(search("payment", null, null, null, null, List.of(), 50))).containsExactly(CHECKOUT);
        assertThat(ids(search("cart", "cart.load", null, null, null, List.of(), 50))).containsExactly(CHECKOUT);
        assertThat(ids(search(null, null, 1_000 * MS, null, null, List.of(), 50))).containsExactly(WORKER);
        assertThat(ids(search("api", null, 90 * MS, 100 * MS, null, List.of(), 50))).containsExactly(api(9), api(8));
        assertThat(ids(search(null, null, null, null, "ERROR", List.of(), 50))).containsExactly(api(9), api(4), CHECKOUT);
        assertThat(ids(search(null, null, null, null, "OK", List.of(), 50))).isEmpty();
        assertThat(ids(search(null, null, null, null, null, List.of(AttributeFilter.of("customer.tier", "eq", "gold", null)), 50)))
                .containsExactly(CHECKOUT);
        assertThat(ids(search(null, null, null, null, null,
                List.of(AttributeFilter.of("resource.deployment.environment", "eq", "prod", null)), 50))).containsExactly(WORKER);
        assertThat(ids(search(null, null, null, null, null, List.of(AttributeFilter.of("customer.tier", "eq", "' OR 1=1 --", null)), 50)))
                .isEmpty();
        assertThat(ids(search("' OR 1=1 --", null, null, null, null, List.of(), 50))).isEmpty();
    }

    @Test
    void searchSaysWhenMoreTracesMatchThanTheLimit() {
        TraceSearchResult result = reader.search(TENANT, search("api", null, null, null, null, List.of(), 3), RANGE);
        assertThat(result.traces()).extracting(TraceSummary::traceId).containsExactly(api(9), api(8), api(7));
        assertThat(result.hasMore()).isTrue();
        assertThat(reader.search(TENANT, search("api", null, null, null, null, List.of(), 10), RANGE).hasMore()).isFalse();
    }

    @Test
    void searchNeverSeesAnotherTenant() {
        assertThat(ids(search("intruder", null, null, null, null, List.of(), 50))).isEmpty();
        assertThat(reader.search(OTHER, search(null, null, null, null, null, List.of(), 50), RANGE).traces())
                .extracting(TraceSummary::traceId, TraceSummary::spanCount, TraceSummary::services)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CHECKOUT, 3L, List.of("intruder")));
    }

    // ---------------------------------------------------------------------------------------------
    // trace by id

    @Test
    void traceIsATreeInWaterfallOrderWithTheCriticalPath() {
        TraceDetail trace = reader.trace(TENANT, TraceId.parse(CHECKOUT.toUpperCase()));
        assertThat(trace.spans()).extracting(TraceSpan::spanId, TraceSpan::depth, TraceSpan::orphan).containsExactly(
                org.assertj.core.groups.Tuple.tuple(span(1), 0, false), org.assertj.core.groups.Tuple.tuple(span(2), 1, false),
                org.assertj.core.groups.Tuple.tuple(span(3), 2, false), org.assertj.core.groups.Tuple.tuple(span(4), 3, false),
                org.assertj.core.groups.Tuple.tuple(span(5), 1, false), org.assertj.core.groups.Tuple.tuple(span(6), 2, false),
                org.assertj.core.groups.Tuple.tuple(span(7), 3, false), org.assertj.core.groups.Tuple.tuple(span(8), 0, true));
        assertThat(trace.spans().get(0).childSpanIds()).containsExactly(span(2), span(5));
        assertThat(trace).extracting(TraceDetail::rootSpanId, TraceDetail::rootService, TraceDetail::rootOperation, TraceDetail::rootInferred,
                        TraceDetail::startTimeUnixNano, TraceDetail::durationNanos, TraceDetail::spanCount, TraceDetail::errorCount,
                        TraceDetail::services, TraceDetail::maxDepth, TraceDetail::orphanCount, TraceDetail::truncated)
                .containsExactly(span(1), "frontend", "GET /checkout", false, Long.toString(BASE), 400 * MS, 8L, 1L,
                        List.of("cart", "frontend", "payment"), 3, 1L, false);
        assertThat(trace.criticalPath()).extracting(TraceDetail.CriticalPathSegment::spanId, TraceDetail.CriticalPathSegment::durationNanos)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(span(1), 10 * MS), org.assertj.core.groups.Tuple.tuple(span(2), 10 * MS),
                        org.assertj.core.groups.Tuple.tuple(span(3), 10 * MS), org.assertj.core.groups.Tuple.tuple(span(4), 30 * MS),
                        org.assertj.core.groups.Tuple.tuple(span(3), 40 * MS), org.assertj.core.groups.Tuple.tuple(span(2), 10 * MS),
                        org.assertj.core.groups.Tuple.tuple(span(1), 10 * MS), org.assertj.core.groups.Tuple.tuple(span(5), 10 * MS),
                        org.assertj.core.groups.Tuple.tuple(span(6), 130 * MS), org.assertj.core.groups.Tuple.tuple(span(7), 10 * MS),
                        org.assertj.core.groups.Tuple.tuple(span(5), 10 * MS), org.assertj.core.groups.Tuple.tuple(span(1), 20 * MS));

        TraceSpan payment = trace.spans().get(5);
        assertThat(payment).extracting(TraceSpan::parentSpanId, TraceSpan::serviceName, TraceSpan::name, TraceSpan::kind,
                        TraceSpan::startTimeUnixNano, TraceSpan::endTimeUnixNano, TraceSpan::durationNanos, TraceSpan::statusCode,
                        TraceSpan::statusMessage, TraceSpan::criticalPathNanos)
                .containsExactly(span(5), "payment", "POST /charge", "SERVER", Long.toString(BASE + 130 * MS),
                        Long.toString(BASE + 270 * MS), 140 * MS, "ERROR", "card declined", 130 * MS);
        assertThat(payment.attributes()).containsEntry("http.response.status_code", "402");
        assertThat(payment.attributeTypes()).containsExactly(java.util.Map.entry("http.response.status_code", "int"));
        assertThat(payment.resourceAttributes()).containsEntry("service.name", "payment");
        assertThat(payment.scope()).isEqualTo(new TraceSpan.Scope("io.opentelemetry.servlet", "2.1", java.util.Map.of()));
        assertThat(payment.events()).containsExactly(new TraceSpan.Event(Long.toString(BASE + 200 * MS), "exception",
                java.util.Map.of("exception.type", "CardDeclined"), java.util.Map.of(), 0));
        assertThat(payment.links()).containsExactly(new TraceSpan.Link(WORKER, span(9), "", 0, java.util.Map.of("link.kind", "follows"),
                java.util.Map.of(), 0));
    }

    @Test
    void unknownTraceOrAnotherTenantsIsNotFound() {
        assertThatThrownBy(() -> reader.trace(TENANT, TraceId.parse("11111111111111111111111111111111")))
                .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.reason()).isEqualTo(Rejected.Reason.NOT_FOUND));
        assertThat(reader.trace(OTHER, TraceId.parse(CHECKOUT)).spans()).extracting(TraceSpan::serviceName)
                .containsExactly("intruder", "intruder", "intruder");
        TraceDetail worker = reader.trace(TENANT, TraceId.parse(WORKER));
        assertThat(worker.rootInferred()).isTrue();
        assertThat(worker.spans()).extracting(TraceSpan::spanId, TraceSpan::orphan, TraceSpan::depth)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(span(9), true, 0), org.assertj.core.groups.Tuple.tuple(span(10), false, 1));
    }

    // ---------------------------------------------------------------------------------------------
    // service map and RED

    @Test
    void serviceMapHasAnEdgePerCallingServicePairOfItsTenantOnly() {
        ServiceMap map = reader.serviceMap(TENANT, RANGE);
        assertThat(map.edges()).containsExactly(
                new ServiceMap.Edge("frontend", "cart", 1, 0, 0.0, new Percentiles(80 * MS, 80 * MS, 80 * MS)),
                new ServiceMap.Edge("frontend", "payment", 1, 1, 1.0, new Percentiles(140 * MS, 140 * MS, 140 * MS)));
        assertThat(map.nodes()).containsExactly(new ServiceMap.Node("api", 10, 2, 0.2), new ServiceMap.Node("cart", 1, 0, 0.0),
                new ServiceMap.Node("frontend", 1, 0, 0.0), new ServiceMap.Node("payment", 1, 1, 1.0), new ServiceMap.Node("worker", 1, 0, 0.0));
        assertThat(map.truncated()).isFalse();
        assertThat(reader.serviceMap(OTHER, RANGE).edges()).isEmpty();
    }

    @Test
    void redCountsEntrySpansPerServiceWithPercentiles() {
        RedMetrics red = reader.red(TENANT, new RedQuery(null, null, null, null, 100), RANGE);
        double seconds = 20 * 60;
        assertThat(red.items()).first().isEqualTo(new RedMetrics.Item("api", null, 10, 10 / seconds, 2, 0.2,
                new Percentiles(55 * MS, 95_500_000, 99_100_000), null));
        assertThat(red.items()).extracting(RedMetrics.Item::service, RedMetrics.Item::requests).containsExactly(
                org.assertj.core.groups.Tuple.tuple("api", 10L), org.assertj.core.groups.Tuple.tuple("cart", 1L),
                org.assertj.core.groups.Tuple.tuple("frontend", 1L), org.assertj.core.groups.Tuple.tuple("payment", 1L),
                org.assertj.core.groups.Tuple.tuple("worker", 1L));
        assertThat(reader.red(TENANT, new RedQuery(null, null, null, null, 2), RANGE)).extracting(RedMetrics::truncated).isEqualTo(true);
    }

    @Test
    void redPerOperationWithSeries() {
        RedMetrics red = reader.red(TENANT, new RedQuery(null, null, "api", 60L, 100), RANGE);
        assertThat(red.items()).hasSize(1);
        RedMetrics.Item items = red.items().get(0);
        assertThat(items.operation()).isEqualTo("GET /items");
        // api spans start at BASE + 60 s + i s: all in the minute bucket starting at BASE + 60 s
        long bucket = (BASE / MS) + 60_000;
        assertThat(items.series().rate()).hasSize(20).contains(List.of(bucket, 10 / 60.0), List.of(bucket - 60_000, 0.0));
        assertThat(items.series().errors()).contains(List.of(bucket, 2L));
        assertThat(items.series().p50()).containsExactly(List.of(bucket, 55 * MS));
    }

    // ---------------------------------------------------------------------------------------------
    // data

    private static TraceSearch search(String service, String operation, Long min, Long max, String status, List<AttributeFilter> filters,
                                      int limit) {
        return new TraceSearch(null, null, service, operation, min, max, status, filters, limit);
    }

    private static List<String> ids(TraceSearch search) {
        return reader.search(TENANT, search, RANGE).traces().stream().map(TraceSummary::traceId).toList();
    }

    static String span(int n) {
        return "%016x".formatted(0x1000 + n);
    }

    static String api(int n) {
        return "%032x".formatted(0xa000 + n);
    }

    /**
     * A checkout trace over three services (one orphan, one async child outliving its parent, one error), a worker
     * trace whose root was never received, and ten api requests of 10 to 100 ms (two errors) with a same-service child.
     */
    private static ExportTraceServiceRequest tenantSpans() {
        List<ResourceSpans> resources = new ArrayList<>();
        resources.add(resource("frontend", List.of(),
                span(CHECKOUT, 1, 0, "GET /checkout", Span.SpanKind.SPAN_KIND_SERVER, 0, 300).build(),
                span(CHECKOUT, 2, 1, "POST /cart", Span.SpanKind.SPAN_KIND_CLIENT, 10, 110).build(),
                span(CHECKOUT, 5, 1, "POST /charge", Span.SpanKind.SPAN_KIND_CLIENT, 120, 280).build()));
        resources.add(resource("cart", List.of(),
                span(CHECKOUT, 3, 2, "POST /cart", Span.SpanKind.SPAN_KIND_SERVER, 20, 100)
                        .addAttributes(kv("customer.tier", "gold")).build(),
                span(CHECKOUT, 4, 3, "cart.load", Span.SpanKind.SPAN_KIND_INTERNAL, 30, 60).build(),
                span(CHECKOUT, 8, 0, "late.job", Span.SpanKind.SPAN_KIND_INTERNAL, 50, 70)
                        .setParentSpanId(ByteString.copyFrom(HexFormat.of().parseHex("ffffffffffffffff"))).build()));
        resources.add(ResourceSpans.newBuilder().setResource(Resource.newBuilder().addAttributes(kv("service.name", "payment")))
                .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.servlet")
                                .setVersion("2.1"))
                        .addSpans(span(CHECKOUT, 6, 5, "POST /charge", Span.SpanKind.SPAN_KIND_SERVER, 130, 270)
                                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("card declined"))
                                .addAttributes(KeyValue.newBuilder().setKey("http.response.status_code")
                                        .setValue(AnyValue.newBuilder().setIntValue(402)))
                                .addEvents(Span.Event.newBuilder().setTimeUnixNano(BASE + 200 * MS).setName("exception")
                                        .addAttributes(kv("exception.type", "CardDeclined")))
                                .addLinks(Span.Link.newBuilder().setTraceId(id(WORKER)).setSpanId(id(span(9)))
                                        .addAttributes(kv("link.kind", "follows")))
                                .build())
                        .addSpans(span(CHECKOUT, 7, 6, "audit.async", Span.SpanKind.SPAN_KIND_INTERNAL, 260, 400).build()))
                .build());
        resources.add(resource("worker", List.of(kv("deployment.environment", "prod")),
                span(WORKER, 9, 0, "consume orders", Span.SpanKind.SPAN_KIND_CONSUMER, 5_000, 7_000)
                        .setParentSpanId(ByteString.copyFrom(HexFormat.of().parseHex("aaaaaaaaaaaaaaaa"))).build(),
                span(WORKER, 10, 9, "store order", Span.SpanKind.SPAN_KIND_INTERNAL, 5_100, 6_000).build()));
        List<Span> api = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long start = 60_000 + i * 1_000;
            Span.Builder server = span(api(i), 100 + i, 0, "GET /items", Span.SpanKind.SPAN_KIND_SERVER, start, start + 10 * (i + 1));
            if (i == 4 || i == 9) {
                server.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
            }
            api.add(server.build());
            api.add(span(api(i), 200 + i, 100 + i, "SELECT items", Span.SpanKind.SPAN_KIND_CLIENT, start + 1, start + 5).build());
        }
        resources.add(resource("api", List.of(), api.toArray(Span[]::new)));
        return ExportTraceServiceRequest.newBuilder().addAllResourceSpans(resources).build();
    }

    /**
     * The same trace id under another tenant, with spans whose join keys match this tenant's: a CLIENT span with the id of
     * frontend's call to cart (so cart's span is its child by key) and a SERVER span naming frontend's call to payment as
     * its parent. Either side of the service-map join read without the tenant predicate pairs them with this tenant's spans.
     */
    private static ExportTraceServiceRequest intruderSpans() {
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(resource("intruder", List.of(),
                span(CHECKOUT, 1, 0, "GET /checkout", Span.SpanKind.SPAN_KIND_SERVER, 0, 300).build(),
                span(CHECKOUT, 2, 1, "POST /cart", Span.SpanKind.SPAN_KIND_CLIENT, 10, 110).build(),
                span(CHECKOUT, 11, 5, "POST /charge", Span.SpanKind.SPAN_KIND_SERVER, 130, 270).build())).build();
    }

    private static ResourceSpans resource(String service, List<KeyValue> extra, Span... spans) {
        return ResourceSpans.newBuilder().setResource(Resource.newBuilder().addAttributes(kv("service.name", service)).addAllAttributes(extra))
                .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("test")).addAllSpans(List.of(spans)))
                .build();
    }

    /** Span {@code n} of a trace, parent span {@code parent} (0: none), times in ms after BASE. */
    private static Span.Builder span(String traceId, int n, int parent, String name, Span.SpanKind kind, long startMs, long endMs) {
        Span.Builder span = Span.newBuilder().setTraceId(id(traceId)).setSpanId(id(span(n))).setName(name).setKind(kind)
                .setStartTimeUnixNano(BASE + startMs * MS).setEndTimeUnixNano(BASE + endMs * MS);
        return parent == 0 ? span : span.setParentSpanId(id(span(parent)));
    }

    private static OtlpRequest traces(ExportTraceServiceRequest request) {
        return new OtlpRequest(OtlpSignal.TRACES, OtlpEncoding.PROTOBUF, request);
    }

    private static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static ByteString id(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(0, nanos);
    }
}
