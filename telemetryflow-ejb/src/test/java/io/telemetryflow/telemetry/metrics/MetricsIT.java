package io.telemetryflow.telemetry.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
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
import io.telemetryflow.ingest.otlp.OtlpEncoding;
import io.telemetryflow.ingest.otlp.OtlpRequest;
import io.telemetryflow.ingest.otlp.OtlpSignal;
import io.telemetryflow.platform.clickhouse.ClickHouseClients;
import io.telemetryflow.ingest.store.ClickHouseTelemetryWriter;
import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.QueryLimits;
import io.telemetryflow.telemetry.TelemetryQueries;
import io.telemetryflow.telemetry.TelemetrySql;
import io.telemetryflow.telemetry.services.ServiceCatalogueSql;
import io.telemetryflow.telemetry.services.TelemetrySignal;
import io.telemetryflow.tenancy.TenantPlacement;
import io.telemetryflow.testsupport.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The metrics read side against a real ClickHouse with the real migrations: points of every kind written by
 * {@link ClickHouseTelemetryWriter} from OTLP protos under one tenant (and decoys under another), read back through
 * {@link Metrics} with exact expected values. Steps are one minute from {@code base}, a whole hour two hours ago.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // guards against a hung server, not a performance claim
class MetricsIT {

    private static final String DATABASE = TestDatabases.uniqueName("tf_metrics_it");

    private static final String TRACE = "5b8efff798038103d269b633813fc60c";
    private static final String SPAN_A = "eee19b7ec3c1b174";
    private static final String SPAN_B = "1f2e3d4c5b6a7980";
    private static final String WINDOWS_PATH = "C:\\tmp\\it's";
    private static final long SECOND = 1_000_000_000L;

    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
    private static final long T0 = BASE.getEpochSecond() * SECOND;
    private static final long M0 = BASE.toEpochMilli();
    private static final long M1 = M0 + 60_000;
    private static final long M2 = M0 + 120_000;
    private static final TenantPlacement TENANT = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    private static final TenantPlacement OTHER = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

    private static ClickHouseConnector clickHouse;
    private static Metrics metrics;

    @BeforeAll
    static void migrateAndWrite() throws Exception {
        clickHouse = TestDatabases.migratedClickHouse(DATABASE, "metrics-it");
        try (ClickHouseTelemetryWriter writer = new ClickHouseTelemetryWriter(clickHouse)) {
            writer.write("metrics-it-1", TENANT, new OtlpRequest(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, tenantMetrics()));
            writer.write("metrics-it-2", OTHER, new OtlpRequest(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, decoys()));
        }
        metrics = new Metrics();
        metrics.queries = new TelemetryQueries(ClickHouseClients.create(clickHouse.settings()), QueryLimits.defaults());
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (metrics != null) {
            metrics.queries.close();
        }
        TestDatabases.drop(clickHouse);
    }

    // ---------------------------------------------------------------------------------------------
    // gauges

    @Test
    void gaugeValueAggregationsAreExactPerStep() {
        assertThat(points(series("cpu.usage", "avg", "checkout"))).containsExactly(List.of(M0, 11.0), List.of(M1, 27.5));
        assertThat(points(series("cpu.usage", "min", "checkout"))).containsExactly(List.of(M0, 1.0), List.of(M1, 4.0));
        assertThat(points(series("cpu.usage", "max", "checkout"))).containsExactly(List.of(M0, 30.0), List.of(M1, 60.0));
        assertThat(points(series("cpu.usage", "sum", "checkout"))).containsExactly(List.of(M0, 66.0), List.of(M1, 165.0));
        assertThat(points(series("cpu.usage", "count", "checkout"))).containsExactly(List.of(M0, 6.0), List.of(M1, 6.0));
        // without the service: payments' 1000s join in
        assertThat(points(series("cpu.usage", "max", null))).containsExactly(List.of(M0, 1000.0), List.of(M1, 1000.0));
        MetricSeriesAnswer answer = series("cpu.usage", "avg", "checkout");
        assertThat(answer.type()).isEqualTo("gauge");
        assertThat(answer.unit()).isEqualTo("1");
        assertThat(answer.description()).isEqualTo("CPU usage.");
        assertThat(answer.stepSeconds()).isEqualTo(60);
        assertThat(answer.truncated()).isFalse();
    }

    @Test
    void perMinuteAggregatesAnswerAsTheRawPointsWithLateAndRedeliveredBatches() throws Exception {
        // its own tenant: 3 hosts x 2 modes, a point every 7 s over [M0, M0 + 10 min), values on a 0.25 grid (sums exact
        // in binary); the second batch holds the same series' points of the first minutes again, later (late data); both
        // batches are delivered twice with their ids (redelivery)
        TenantPlacement tenant = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Gauge.Builder early = Gauge.newBuilder();
        Gauge.Builder late = Gauge.newBuilder();
        for (int host = 0; host < 3; host++) {
            for (int mode = 0; mode < 2; mode++) {
                for (int i = 0; i < 86; i++) {
                    NumberDataPoint point = NumberDataPoint.newBuilder().setTimeUnixNano(T0 + i * 7 * SECOND + host * SECOND)
                            .setAsDouble(((i * 37 + host * 11 + mode * 5) % 97) * 0.25 - 3).addAttributes(kv("host", "h" + host))
                            .addAttributes(kv("mode", mode == 0 ? "user" : "idle")).build();
                    (i % 3 == 0 && i < 40 ? late : early).addDataPoints(point);
                }
            }
        }
        Metric.Builder metric = Metric.newBuilder().setName("system.load").setUnit("1");
        try (ClickHouseTelemetryWriter writer = new ClickHouseTelemetryWriter(clickHouse)) {
            for (String id : List.of("minutes-1", "minutes-1")) {
                writer.write(id, tenant, new OtlpRequest(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, ExportMetricsServiceRequest.newBuilder()
                        .addResourceMetrics(resource("checkout", "a", metric.clone().setGauge(early).build())).build()));
            }
            for (String id : List.of("minutes-2", "minutes-2")) {
                writer.write(id, tenant, new OtlpRequest(OtlpSignal.METRICS, OtlpEncoding.PROTOBUF, ExportMetricsServiceRequest.newBuilder()
                        .addResourceMetrics(resource("checkout", "a", metric.clone().setGauge(late).build())).build()));
            }
        }
        assertThat(rows(new TelemetrySql.Query("SELECT toString(count()) AS n FROM otel_metrics_gauge WHERE tenant_id = {tenant_id:UUID}",
                Map.of("tenant_id", tenant.tenantId().toString())), "n")).containsExactly(List.of("516"));
        assertThat(rows(new TelemetrySql.Query("SELECT toString(sum(count)) AS n FROM otel_metrics_gauge_1m WHERE tenant_id = {tenant_id:UUID}",
                Map.of("tenant_id", tenant.tenantId().toString())), "n")).containsExactly(List.of("516"));

        for (String step : List.of("1m", "5m")) {
            for (String aggregation : List.of("count", "sum", "min", "max", "avg")) {
                for (List<String> groupBy : List.of(List.<String>of(), List.of("mode"), List.of("host", "mode"))) {
                    MetricSeriesQuery query = MetricSeriesQuery.parse(new MetricSeriesRequest("system.load", null, Long.toString(M0),
                            Long.toString(M0 + 600_000), step, aggregation, null, List.of(filter("host", "neq", "h2")), groupBy, null, 100),
                            Instant.now(), QueryLimits.defaults());
                    MetricSource minutes = MetricSource.choose(MetricKind.GAUGE, query.range(), query.stepSeconds());
                    assertThat(minutes.perMinute()).isTrue();
                    List<List<List<?>>> fromMinutes = seriesRows(tenant, query, minutes);
                    List<List<List<?>>> fromPoints = seriesRows(tenant, query, new MetricSource("otel_metrics_gauge", 0));
                    String what = step + " " + aggregation + " by " + groupBy;
                    assertThat(fromMinutes).as(what).hasSize(groupBy.isEmpty() ? 1 : 2 * groupBy.size());
                    if (aggregation.equals("avg")) {
                        assertThat(fromMinutes).as(what).hasSameSizeAs(fromPoints);
                        for (int i = 0; i < fromMinutes.size(); i++) {
                            assertThat(fromMinutes.get(i).subList(0, 2)).as(what).isEqualTo(fromPoints.get(i).subList(0, 2));
                            List<?> expected = fromPoints.get(i).get(2);
                            List<?> actual = fromMinutes.get(i).get(2);
                            assertThat(actual).as(what).hasSameSizeAs(expected);
                            for (int j = 0; j < expected.size(); j++) {
                                assertThat(((Number) actual.get(j)).doubleValue()).as(what)
                                        .isCloseTo(((Number) expected.get(j)).doubleValue(), within(1e-9));
                            }
                        }
                    } else {
                        assertThat(fromMinutes).as(what).isEqualTo(fromPoints);
                    }
                }
            }
        }
    }

    /** labels, times and values of each series, as ClickHouse returns them. */
    private static List<List<List<?>>> seriesRows(TenantPlacement tenant, MetricSeriesQuery query, MetricSource source) {
        List<List<List<?>>> rows = new ArrayList<>();
        metrics.queries.rows(MetricSeriesSql.of(tenant, query, MetricKind.GAUGE, source).query())
                .forEach(row -> rows.add(List.of(row.getList("labels"), row.getList("times"), row.getList("vals"))));
        return rows;
    }

    @Test
    void groupByAndFiltersSplitAndNarrowTheSeries() {
        MetricSeriesAnswer byHost = metrics.series(TENANT, query("cpu.usage", "avg", "checkout", List.of(), List.of("resource.host.name"), 100));
        assertThat(byHost.series()).extracting(MetricSeriesAnswer.Series::labels)
                .containsExactly(Map.of("resource.host.name", "a"), Map.of("resource.host.name", "b"));
        assertThat(byHost.series().get(0).points()).containsExactly(List.of(M0, 2.0), List.of(M1, 5.0));
        assertThat(byHost.series().get(1).points()).containsExactly(List.of(M0, 20.0), List.of(M1, 50.0));

        MetricSeriesAnswer byService = metrics.series(TENANT, query("cpu.usage", "max", null, List.of(), List.of("service.name", "cpu"), 100));
        assertThat(byService.series()).extracting(MetricSeriesAnswer.Series::labels)
                .containsExactly(Map.of("service.name", "checkout", "cpu", "0"), Map.of("service.name", "payments", "cpu", "0"));

        MetricSeriesAnswer cut = metrics.series(TENANT, query("cpu.usage", "avg", "checkout", List.of(), List.of("resource.host.name"), 1));
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.series()).hasSize(1);

        assertThat(points(metrics.series(TENANT, query("cpu.usage", "avg", "checkout",
                List.of(filter("resource.host.name", "eq", "a")), List.of(), 100)))).containsExactly(List.of(M0, 2.0), List.of(M1, 5.0));
        assertThat(points(metrics.series(TENANT, query("cpu.usage", "avg", "checkout",
                List.of(filter("resource.host.name", "neq", "a")), List.of(), 100)))).containsExactly(List.of(M0, 20.0), List.of(M1, 50.0));
        assertThat(points(metrics.series(TENANT, query("cpu.usage", "avg", null,
                List.of(new MetricSeriesRequest.Filter("resource.host.name", "in", null, List.of("b", "c"))), List.of(), 100))))
                .containsExactly(List.of(M0, 265.0), List.of(M1, 287.5));
        assertThat(points(metrics.series(TENANT, query("cpu.usage", "avg", null,
                List.of(filter("resource.host.name", "regex", "^[ab]$")), List.of(), 100)))).containsExactly(List.of(M0, 11.0), List.of(M1, 27.5));
        // a value with backslashes and a quote compares as itself
        assertThat(points(metrics.series(TENANT, query("cpu.usage", "avg", null, List.of(filter("path", "eq", WINDOWS_PATH)), List.of(), 100))))
                .containsExactly(List.of(M0, 2.0), List.of(M1, 5.0));
        assertThat(points(metrics.series(TENANT, query("cpu.usage", "avg", null,
                List.of(new MetricSeriesRequest.Filter("path", "exists", null, null)), List.of(), 100)))).containsExactly(List.of(M0, 2.0), List.of(M1, 5.0));
    }

    @Test
    void hostileStringsAreOrdinaryValues() {
        for (String hostile : List.of("'", "\\", "\\'", "' OR 1=1 --", "'); DROP TABLE otel_metrics_gauge; --", "{tenant_id:UUID}",
                "currentDatabase()", "%", "_", "line\nbreak", "ünïcødé ✓")) {
            assertThat(metrics.series(TENANT, query(hostile, "avg", null, List.of(), List.of(), 100)).series()).as(hostile).isEmpty();
            assertThat(metrics.series(TENANT, query("cpu.usage", "avg", hostile, List.of(), List.of(), 100)).series()).as(hostile).isEmpty();
            assertThat(metrics.series(TENANT, query("cpu.usage", "avg", "checkout", List.of(filter(hostile, "eq", hostile)), List.of(), 100))
                    .series()).as(hostile).isEmpty();
            MetricSeriesAnswer grouped = metrics.series(TENANT, query("cpu.usage", "avg", "checkout", List.of(), List.of(hostile), 100));
            assertThat(grouped.series()).as(hostile).extracting(MetricSeriesAnswer.Series::labels).containsExactly(Map.of(hostile, ""));
        }
        assertThat(points(series("cpu.usage", "count", "checkout"))).containsExactly(List.of(M0, 6.0), List.of(M1, 6.0));
        assertThatThrownBy(() -> metrics.series(TENANT, query("cpu.usage", "avg", null, List.of(filter("cpu", "regex", "(")), List.of(), 100)))
                .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.field()).isEqualTo("filters"));
    }

    @Test
    void anotherTenantsPointsNeverCount() {
        assertThat(points(series("cpu.usage", "max", null))).containsExactly(List.of(M0, 1000.0), List.of(M1, 1000.0));
        assertThat(metrics.series(TENANT, query("decoy.only", "avg", null, List.of(), List.of(), 100)).series()).isEmpty();
        assertThat(points(metrics.series(OTHER, query("cpu.usage", "max", null, List.of(), List.of(), 100))))
                .containsExactly(List.of(M0, 1e9), List.of(M1, 1e9));
    }

    // ---------------------------------------------------------------------------------------------
    // counters

    @Test
    void increaseAndRateTakeDifferencesWithCounterResetsAndAddDeltas() {
        MetricSeriesAnswer increase = metrics.series(TENANT, query("http.requests", "increase", null, List.of(), List.of("http.route"), 100));
        assertThat(increase.type()).isEqualTo("sum");
        assertThat(increase.series()).extracting(MetricSeriesAnswer.Series::labels)
                .containsExactly(Map.of("http.route", "/a"), Map.of("http.route", "/b"));
        // /a cumulative: 90 before the range, 100, 130 | 160, reset to 20 | 50
        assertThat(increase.series().get(0).points()).containsExactly(List.of(M0, 40.0), List.of(M1, 50.0), List.of(M2, 30.0));
        // /b delta: 5 | 7
        assertThat(increase.series().get(1).points()).containsExactly(List.of(M0, 5.0), List.of(M1, 7.0));
        assertThat(points(series("http.requests", "rate", null)))
                .containsExactly(List.of(M0, 45.0 / 60), List.of(M1, 57.0 / 60), List.of(M2, 30.0 / 60));
        assertThatThrownBy(() -> series("cpu.usage", "rate", null))
                .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.field()).isEqualTo("aggregation"));
        assertThatThrownBy(() -> series("queue.depth", "increase", null))
                .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.getMessage()).contains("non-monotonic sum"));
    }

    // ---------------------------------------------------------------------------------------------
    // histograms and summaries

    @Test
    void explicitHistogramPercentilesInterpolateInsideTheBucket() {
        // delta: step 0 holds [0, 10, 20, 0] over bounds 0.1, 0.5, 1 with min 0.2 and max 0.9
        List<List<Number>> p50 = points(series("http.duration", "p50", null));
        assertThat(p50).hasSize(1);
        assertThat(p50.get(0).get(0)).isEqualTo(M0);
        // rank 15: 10 in (0.2, 0.5], then 5 of 20 into (0.5, 0.9]; the true median lies inside that bucket
        assertThat(p50.get(0).get(1).doubleValue()).isCloseTo(0.6, within(1e-9)).isBetween(0.5, 1.0);
        assertThat(points(series("http.duration", "p99", null)).get(0).get(1).doubleValue()).isCloseTo(0.5 + 0.4 * 19.7 / 20, within(1e-9));
        assertThat(points(series("http.duration", "count", null))).containsExactly(List.of(M0, 30.0));
        assertThat(points(series("http.duration", "sum", null))).containsExactly(List.of(M0, 22.0));
        assertThat(points(series("http.duration", "avg", null)).get(0).get(1).doubleValue()).isCloseTo(22.0 / 30, within(1e-12));
        assertThat(points(series("http.duration", "min", null))).containsExactly(List.of(M0, 0.2));
        assertThat(points(series("http.duration", "max", null))).containsExactly(List.of(M0, 0.9));
    }

    @Test
    void cumulativeHistogramsAreDifferencedPerSeriesWithResets() {
        // cumulative: [1,1,0,0] before the range, [1,3,2,0] in step 0, a restart with [0,1,0,0] in step 1
        assertThat(points(series("rpc.duration", "count", null))).containsExactly(List.of(M0, 4.0), List.of(M1, 1.0));
        assertThat(points(series("rpc.duration", "sum", null)).get(0).get(1).doubleValue()).isCloseTo(2.4, within(1e-9));
        List<List<Number>> p50 = points(series("rpc.duration", "p50", null));
        assertThat(p50).extracting(point -> point.get(0)).containsExactly(M0, M1);
        assertThat(p50.get(0).get(1).doubleValue()).isCloseTo(0.5, within(1e-12));   // rank 2 of [0, 2, 2, 0]: the end of (0.1, 0.5]
        assertThat(p50.get(1).get(1).doubleValue()).isCloseTo(0.3, within(1e-12));   // rank 0.5 of [0, 1, 0, 0]
    }

    @Test
    void exponentialHistogramPercentilesUseTheScale() {
        // scale 0, zero count 1, (2,4]: 2, (4,8]: 3
        assertThat(points(series("rpc.latency", "p50", null))).containsExactly(List.of(M0, 4.0));
        assertThat(points(series("rpc.latency", "p90", null)).get(0).get(1).doubleValue()).isCloseTo(4 + 4 * 2.4 / 3, within(1e-9));
        assertThat(points(series("rpc.latency", "count", null))).containsExactly(List.of(M0, 6.0));
        assertThat(points(series("rpc.latency", "avg", null))).containsExactly(List.of(M0, 5.0));
    }

    @Test
    void summariesReportTheirQuantilesAndDifferencedTotals() {
        assertThat(points(series("gc.pause", "p99", null))).containsExactly(List.of(M0, 25.0));
        assertThat(points(series("gc.pause", "p50", null))).containsExactly(List.of(M0, 6.0));
        assertThat(points(series("gc.pause", "avg", null))).containsExactly(List.of(M0, 360.0 / 25));
        assertThat(points(series("gc.pause", "count", null))).containsExactly(List.of(M0, 25.0));
        assertThat(series("gc.pause", "p90", null).series()).isEmpty();   // not reported
    }

    // ---------------------------------------------------------------------------------------------
    // exemplars and catalogues

    @Test
    void exemplarsAreNewestFirstWithTheirTraceAndLabels() {
        MetricExemplars all = metrics.exemplars(TENANT, exemplarQuery(List.of(), 100));
        assertThat(all.type()).isEqualTo("gauge");
        assertThat(all.exemplars()).extracting(MetricExemplars.Exemplar::spanId).containsExactly(SPAN_B, SPAN_A);
        MetricExemplars.Exemplar newest = all.exemplars().get(0);
        assertThat(newest.timestampUnixNano()).isEqualTo(Long.toString(T0 + 79 * SECOND));
        assertThat(newest.value()).isEqualTo(50.0);
        assertThat(newest.traceId()).isEqualTo(TRACE);
        assertThat(newest.labels()).containsEntry("service.name", "checkout").containsEntry("cpu", "0");
        assertThat(newest.filteredAttributes()).containsExactly(Map.entry("user.id", "17"));
        MetricExemplars hostA = metrics.exemplars(TENANT, exemplarQuery(List.of(filter("resource.host.name", "eq", "a")), 100));
        assertThat(hostA.exemplars()).extracting(MetricExemplars.Exemplar::spanId).containsExactly(SPAN_A);
        MetricExemplars one = metrics.exemplars(TENANT, exemplarQuery(List.of(), 1));
        assertThat(one.exemplars()).hasSize(1);
        assertThat(one.truncated()).isTrue();
    }

    @Test
    void theAttributeCatalogueListsKeysAndCappedValuesPerMetricByPrefix() {
        List<List<String>> keys = rows(MetricCatalogueSql.attributeKeys(TENANT, "cpu.usage", "", 100), "attribute_key", "points");
        // host a: 6 points with cpu and path, one of them with a 300-character blob; host b: 6 with cpu; host c: 3 with cpu
        assertThat(keys).containsExactly(List.of("blob", "1"), List.of("cpu", "15"), List.of("path", "6"), List.of("resource.host.name", "15"),
                List.of("resource.service.name", "15"));
        assertThat(rows(MetricCatalogueSql.attributeKeys(TENANT, "cpu.usage", "resource.", 1), "attribute_key"))
                .containsExactly(List.of("resource.host.name"), List.of("resource.service.name"));   // limit + 1: the cut shows
        assertThat(rows(MetricCatalogueSql.attributeValues(TENANT, "cpu.usage", "resource.host.name", "", 100), "attribute_value", "points"))
                .containsExactly(List.of("a", "6"), List.of("b", "6"), List.of("c", "3"));
        assertThat(rows(MetricCatalogueSql.attributeValues(TENANT, "cpu.usage", "path", "C:\\", 100), "attribute_value"))
                .containsExactly(List.of(WINDOWS_PATH));
        assertThat(rows(MetricCatalogueSql.attributeValues(TENANT, "cpu.usage", "blob", "", 100), "attribute_value"))
                .containsExactly(List.of("x".repeat(256)));
        assertThat(rows(MetricCatalogueSql.attributeValues(OTHER, "cpu.usage", "resource.host.name", "", 100), "attribute_value"))
                .containsExactly(List.of("z"));
        assertThat(rows(MetricCatalogueSql.attributeKeys(TENANT, "http.requests", "", 100), "attribute_key"))
                .containsExactly(List.of("http.route"), List.of("resource.host.name"), List.of("resource.service.name"));
    }

    @Test
    void metricNamesAndServicesComeFromTheCatalogues() {
        MetricCatalogueAnswers.MetricNames names = metrics.names(TENANT, Optional.empty(), "http.", 100);
        assertThat(names.metrics()).extracting(MetricCatalogueAnswers.MetricName::name).containsExactly("http.duration", "http.requests");
        MetricCatalogueAnswers.MetricName requests = names.metrics().get(1);
        assertThat(requests.type()).isEqualTo("sum");
        assertThat(requests.monotonic()).isTrue();
        assertThat(requests.services()).containsExactly("checkout");
        assertThat(metrics.names(TENANT, Optional.of("payments"), "", 100).metrics()).extracting(MetricCatalogueAnswers.MetricName::name)
                .containsExactly("cpu.usage");
        assertThat(metrics.names(TENANT, Optional.empty(), "", 2).truncated()).isTrue();
        assertThat(rows(ServiceCatalogueSql.services(TENANT, List.of(TelemetrySignal.METRICS), 100), "service"))
                .containsExactly(List.of("checkout"), List.of("payments"));
        assertThat(rows(ServiceCatalogueSql.services(TENANT, List.of(TelemetrySignal.LOGS), 100), "service")).isEmpty();
    }

    @Test
    void theSeriesQueryUsesThePrimaryKeyAndPartitions() throws Exception {
        MetricSeriesQuery query = query("cpu.usage", "avg", "checkout", List.of(), List.of(), 100);
        TelemetrySql.Query sql = MetricSeriesSql.of(TENANT, query, MetricKind.GAUGE, MetricSource.choose(MetricKind.GAUGE, query.range(), 60)).query();
        String explain = metrics.queries.rows(new TelemetrySql.Query("EXPLAIN indexes = 1\n" + sql.sql(), sql.parameters())).stream()
                .map(row -> row.getString("explain")).collect(Collectors.joining("\n"));
        Path report = Path.of("target", "metrics-explain", "gauge-avg-1h.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, sql.sql() + "\n\n" + sql.parameters() + "\n\n" + explain + "\n");
        assertThat(explain).contains("PrimaryKey").contains("metric_name").contains("service_name").contains("Partition");
    }

    // ---------------------------------------------------------------------------------------------
    // data

    private static ExportMetricsServiceRequest tenantMetrics() {
        KeyValue cpu = kv("cpu", "0");
        KeyValue path = kv("path", WINDOWS_PATH);
        Metric.Builder checkoutCpu = Metric.newBuilder().setName("cpu.usage").setUnit("1").setDescription("CPU usage.");
        Gauge.Builder hostA = Gauge.newBuilder();
        Gauge.Builder hostB = Gauge.newBuilder();
        for (int i = 0; i < 6; i++) {
            NumberDataPoint.Builder a = NumberDataPoint.newBuilder().setTimeUnixNano(T0 + i * 20 * SECOND).setAsDouble(i + 1)
                    .addAttributes(cpu).addAttributes(path);
            NumberDataPoint.Builder b = NumberDataPoint.newBuilder().setTimeUnixNano(T0 + i * 20 * SECOND).setAsInt((i + 1) * 10L).addAttributes(cpu);
            if (i == 0) {
                a.addAttributes(kv("blob", "x".repeat(300)));
            }
            if (i == 1) {
                a.addExemplars(Exemplar.newBuilder().setTimeUnixNano(T0 + 19 * SECOND).setAsDouble(2).setTraceId(id(TRACE)).setSpanId(id(SPAN_A)));
            }
            if (i == 4) {
                b.addExemplars(Exemplar.newBuilder().setTimeUnixNano(T0 + 79 * SECOND).setAsInt(50).setTraceId(id(TRACE)).setSpanId(id(SPAN_B))
                        .addFilteredAttributes(KeyValue.newBuilder().setKey("user.id").setValue(AnyValue.newBuilder().setIntValue(17))));
            }
            hostA.addDataPoints(a);
            hostB.addDataPoints(b);
        }
        Gauge.Builder hostC = Gauge.newBuilder()
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsDouble(1000).addAttributes(cpu))
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0 + 60 * SECOND).setAsDouble(1000).addAttributes(cpu))
                // outside the range
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0 + 600 * SECOND).setAsDouble(5000).addAttributes(cpu));

        long start = T0 - 3600 * SECOND;
        Sum.Builder cumulative = Sum.newBuilder().setIsMonotonic(true).setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        long[][] routeA = {{-30, 90}, {0, 100}, {30, 130}, {60, 160}, {90, 20}, {120, 50}};
        for (long[] point : routeA) {
            cumulative.addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(start).setTimeUnixNano(T0 + point[0] * SECOND)
                    .setAsInt(point[1]).addAttributes(kv("http.route", "/a")));
        }
        Sum.Builder delta = Sum.newBuilder().setIsMonotonic(true).setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0 + 10 * SECOND).setAsInt(5).addAttributes(kv("http.route", "/b")))
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0 + 70 * SECOND).setAsInt(7).addAttributes(kv("http.route", "/b")));
        Sum.Builder gaugeLikeSum = Sum.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsInt(3));

        List<Double> bounds = List.of(0.1, 0.5, 1.0);
        Histogram.Builder deltaHistogram = Histogram.newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                .addDataPoints(histogramPoint(T0 + 10 * SECOND, 0, bounds, List.of(0L, 10L, 10L, 0L), 10, 0.2, 0.9))
                .addDataPoints(histogramPoint(T0 + 20 * SECOND, 0, bounds, List.of(0L, 0L, 10L, 0L), 12, 0.6, 0.8));
        Histogram.Builder cumulativeHistogram = Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(histogramPoint(T0 - 30 * SECOND, start, bounds, List.of(1L, 1L, 0L, 0L), 0.5, -1, -1))
                .addDataPoints(histogramPoint(T0 + 10 * SECOND, start, bounds, List.of(1L, 3L, 2L, 0L), 2.9, -1, -1))
                .addDataPoints(histogramPoint(T0 + 70 * SECOND, T0 + 65 * SECOND, bounds, List.of(0L, 1L, 0L, 0L), 0.3, -1, -1));
        ExponentialHistogram.Builder exponential = ExponentialHistogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T0 + 5 * SECOND).setCount(6).setSum(30).setScale(0)
                        .setZeroCount(1).setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(1).addBucketCounts(2).addBucketCounts(3)));
        Summary.Builder summary = Summary.newBuilder()
                .addDataPoints(summaryPoint(T0 - 20 * SECOND, start, 5, 40, 4, 15))
                .addDataPoints(summaryPoint(T0 + 10 * SECOND, start, 10, 100, 5, 20))
                .addDataPoints(summaryPoint(T0 + 40 * SECOND, start, 30, 400, 7, 30));

        return ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(resource("checkout", "a", checkoutCpu.clone().setGauge(hostA).build(),
                        Metric.newBuilder().setName("http.requests").setUnit("{request}").setSum(cumulative).build(),
                        Metric.newBuilder().setName("http.requests").setUnit("{request}").setSum(delta).build(),
                        Metric.newBuilder().setName("queue.depth").setSum(gaugeLikeSum).build(),
                        Metric.newBuilder().setName("http.duration").setUnit("s").setHistogram(deltaHistogram).build(),
                        Metric.newBuilder().setName("rpc.duration").setUnit("s").setHistogram(cumulativeHistogram).build(),
                        Metric.newBuilder().setName("rpc.latency").setUnit("ms").setExponentialHistogram(exponential).build(),
                        Metric.newBuilder().setName("gc.pause").setUnit("ms").setSummary(summary).build()))
                .addResourceMetrics(resource("checkout", "b", checkoutCpu.clone().setGauge(hostB).build()))
                .addResourceMetrics(resource("payments", "c", Metric.newBuilder().setName("cpu.usage").setUnit("1").setGauge(hostC).build()))
                .build();
    }

    /** The same metric name with huge values under another tenant, plus a metric only it has. */
    private static ExportMetricsServiceRequest decoys() {
        Gauge.Builder gauge = Gauge.newBuilder()
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsDouble(1e9).addAttributes(kv("cpu", "0")))
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0 + 60 * SECOND).setAsDouble(1e9).addAttributes(kv("cpu", "0"))
                        .addExemplars(Exemplar.newBuilder().setTimeUnixNano(T0 + 90 * SECOND).setAsDouble(1e9).setTraceId(id(TRACE))
                                .setSpanId(id("00f067aa0ba902b7"))));
        return ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(resource("checkout", "z", Metric.newBuilder().setName("cpu.usage").setGauge(gauge).build(),
                        Metric.newBuilder().setName("decoy.only").setGauge(Gauge.newBuilder().addDataPoints(
                                NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsDouble(1))).build()))
                .build();
    }

    private static HistogramDataPoint histogramPoint(long time, long start, List<Double> bounds, List<Long> counts, double sum, double min,
                                                     double max) {
        HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder().setStartTimeUnixNano(start).setTimeUnixNano(time)
                .addAllExplicitBounds(bounds).addAllBucketCounts(counts).setCount(counts.stream().mapToLong(Long::longValue).sum()).setSum(sum);
        if (min >= 0) {
            point.setMin(min).setMax(max);
        }
        return point.build();
    }

    private static SummaryDataPoint summaryPoint(long time, long start, long count, double sum, double median, double p99) {
        return SummaryDataPoint.newBuilder().setStartTimeUnixNano(start).setTimeUnixNano(time).setCount(count).setSum(sum)
                .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(median))
                .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(p99)).build();
    }

    private static ResourceMetrics resource(String service, String host, Metric... metrics) {
        return ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("service.name", service)).addAttributes(kv("host.name", host)))
                .addScopeMetrics(ScopeMetrics.newBuilder().addAllMetrics(List.of(metrics))).build();
    }

    private static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static ByteString id(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    // ---------------------------------------------------------------------------------------------
    // queries

    /** {@code [base, base + 3 min)} at one-minute steps. */
    private static MetricSeriesQuery query(String metric, String aggregation, String service, List<MetricSeriesRequest.Filter> filters,
                                           List<String> groupBy, int limit) {
        return MetricSeriesQuery.parse(new MetricSeriesRequest(metric, null, Long.toString(M0), Long.toString(M0 + 180_000), "1m", aggregation,
                service, filters, groupBy, null, limit), Instant.now(), QueryLimits.defaults());
    }

    private static MetricSeriesAnswer series(String metric, String aggregation, String service) {
        return metrics.series(TENANT, query(metric, aggregation, service, List.of(), List.of(), 100));
    }

    private static MetricExemplarQuery exemplarQuery(List<MetricSeriesRequest.Filter> filters, int limit) {
        return MetricExemplarQuery.parse(new MetricExemplarRequest("cpu.usage", null, Long.toString(M0), Long.toString(M0 + 180_000), null,
                filters, null, limit), Instant.now(), QueryLimits.defaults());
    }

    private static MetricSeriesRequest.Filter filter(String key, String op, String value) {
        return new MetricSeriesRequest.Filter(key, op, value, null);
    }

    /** The points of the only series (none when the answer has no series). */
    private static List<List<Number>> points(MetricSeriesAnswer answer) {
        assertThat(answer.series()).hasSizeLessThanOrEqualTo(1);
        return answer.series().isEmpty() ? List.of() : answer.series().get(0).points();
    }

    private static List<List<String>> rows(TelemetrySql.Query query, String... columns) {
        List<List<String>> rows = new ArrayList<>();
        metrics.queries.rows(query).forEach(row -> {
            List<String> values = new ArrayList<>();
            for (String column : columns) {
                values.add(row.getString(column));
            }
            rows.add(values);
        });
        return rows;
    }
}
