package io.telemetryflow.telemetry.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.telemetry.QueryLimits;
import io.telemetryflow.telemetry.TelemetrySql;
import io.telemetryflow.telemetry.TimeRange;
import io.telemetryflow.tenancy.TenantPlacement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MetricSeriesSqlTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final TenantPlacement TENANT = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    private static final String HOSTILE = "x') OR 1=1 -- {tenant_id:UUID} currentDatabase() \\'";

    private static MetricSeriesQuery query(String aggregation, String service, List<MetricSeriesRequest.Filter> filters, List<String> groupBy) {
        return query(aggregation, service, filters, groupBy, NOW.plusMillis(1500), "1m");
    }

    private static MetricSeriesQuery query(String aggregation, String service, List<MetricSeriesRequest.Filter> filters, List<String> groupBy,
                                           Instant now, String step) {
        return MetricSeriesQuery.parse(new MetricSeriesRequest("http.server.duration", null, "now-1h", null, step, aggregation, service,
                filters, groupBy, null, 10), now, QueryLimits.defaults());
    }

    private static MetricSeriesSql.Plan plan(MetricKind kind, MetricSeriesQuery query) {
        return MetricSeriesSql.of(TENANT, query, kind, MetricSource.choose(kind, query.range(), query.stepSeconds()));
    }

    @Test
    void aGaugeAverageReadsTheRawTableWithinTenantMetricServiceAndRangeOneRowPerSeries() {
        MetricSeriesSql.Plan plan = plan(MetricKind.GAUGE, query("avg", "checkout", null, null));
        String sql = plan.query().sql();
        assertThat(plan.shape()).isEqualTo(MetricSeriesSql.Shape.VALUES);
        assertThat(sql).contains("FROM otel_metrics_gauge\n")
                .contains("WHERE tenant_id = {tenant_id:UUID}\n  AND (metric_name = {p0:String})\n  AND (service_name = {p1:String})")
                .contains("timestamp >= fromUnixTimestamp64Nano({p2:Int64}, 'UTC') AND timestamp < fromUnixTimestamp64Nano({p3:Int64}, 'UTC')")
                .contains("avg(value) AS v")
                .contains("toStartOfInterval(timestamp, toIntervalSecond({p4:UInt32}))")
                .contains("CAST([], 'Array(String)') AS labels")
                .contains("GROUP BY labels\nORDER BY labels\nLIMIT {p5:UInt32}")
                .doesNotContain("OVER");
        assertThat(plan.query().parameters()).containsEntry("tenant_id", TENANT.tenantId().toString())
                .containsEntry("p0", "http.server.duration").containsEntry("p1", "checkout").containsEntry("p4", 60L).containsEntry("p5", 11);
    }

    @Test
    void aGaugeOverWholeMinutesWithAStepOfWholeMinutesReadsThePerMinuteAggregatesUnderTheSameConditions() {
        MetricSeriesQuery query = query("avg", "checkout", List.of(new MetricSeriesRequest.Filter("cpu.mode", "eq", "idle", null)),
                List.of("resource.host.name"), NOW, "5m");
        MetricSeriesSql.Plan plan = plan(MetricKind.GAUGE, query);
        String sql = plan.query().sql();
        assertThat(sql).contains("FROM otel_metrics_gauge_1m\n")
                .contains("WHERE tenant_id = {tenant_id:UUID}\n  AND (metric_name = {p0:String})\n  AND (service_name = {p1:String})")
                .contains("timestamp >= fromUnixTimestamp64Nano({p2:Int64}, 'UTC') AND timestamp < fromUnixTimestamp64Nano({p3:Int64}, 'UTC')")
                .contains("(attributes[{p4:String}] = {p5:String})")
                .contains("[resource_attributes[{p7:String}]] AS labels")
                .contains("sum(sum) / sum(count) AS v");
        assertThat(plan.query().parameters()).containsEntry("p6", 300L);
        assertThat(plan(MetricKind.GAUGE, query("min", null, null, null, NOW, "1m")).query().sql()).contains("min(min) AS v");
        assertThat(plan(MetricKind.GAUGE, query("max", null, null, null, NOW, "1m")).query().sql()).contains("max(max) AS v");
        assertThat(plan(MetricKind.GAUGE, query("sum", null, null, null, NOW, "1m")).query().sql()).contains("sum(sum) AS v");
        assertThat(plan(MetricKind.GAUGE, query("count", null, null, null, NOW, "1m")).query().sql()).contains("toFloat64(sum(count)) AS v");
    }

    @Test
    void aRangeOrStepThatCutsAMinuteOrAnotherKindReadsTheRawPoints() {
        TimeRange whole = TimeRange.of(NOW.minusSeconds(3600), NOW);
        assertThat(MetricSource.choose(MetricKind.GAUGE, whole, 60)).isEqualTo(new MetricSource("otel_metrics_gauge_1m", 60));
        assertThat(MetricSource.choose(MetricKind.GAUGE, whole, 3600).perMinute()).isTrue();
        assertThat(MetricSource.choose(MetricKind.GAUGE, whole, 30)).isEqualTo(new MetricSource("otel_metrics_gauge", 0));
        assertThat(MetricSource.choose(MetricKind.GAUGE, whole, 90).perMinute()).isFalse();
        assertThat(MetricSource.choose(MetricKind.GAUGE, TimeRange.of(NOW.minusSeconds(3600).plusNanos(1), NOW), 60).perMinute()).isFalse();
        assertThat(MetricSource.choose(MetricKind.GAUGE, TimeRange.of(NOW.minusSeconds(3600), NOW.minusMillis(1)), 60).perMinute()).isFalse();
        for (MetricKind kind : List.of(MetricKind.SUM, MetricKind.HISTOGRAM, MetricKind.EXPONENTIAL_HISTOGRAM, MetricKind.SUMMARY)) {
            assertThat(MetricSource.choose(kind, whole, 60)).as(kind.type()).isEqualTo(new MetricSource(kind.table(), 0));
        }
        assertThat(plan(MetricKind.GAUGE, query("avg", null, null, null, NOW, "30s")).query().sql())
                .contains("FROM otel_metrics_gauge\n").contains("avg(value) AS v");
    }

    @Test
    void requestStringsOnlyEverTravelAsParameters() {
        MetricSeriesQuery query = MetricSeriesQuery.parse(new MetricSeriesRequest(HOSTILE, null, "now-1h", null, "1m", "p99", HOSTILE,
                List.of(new MetricSeriesRequest.Filter(HOSTILE, "eq", HOSTILE, null), new MetricSeriesRequest.Filter("resource." + HOSTILE, "in",
                        null, List.of(HOSTILE, HOSTILE))), List.of(HOSTILE, "resource." + HOSTILE, "service.name"), null, 10), NOW,
                QueryLimits.defaults());
        for (MetricKind kind : MetricKind.values()) {
            TelemetrySql.Query sql = plan(kind, query).query();
            assertThat(sql.sql()).as(kind.type()).doesNotContain("OR 1=1").doesNotContain("currentDatabase").doesNotContain("x')");
            assertThat(sql.parameters().values()).as(kind.type()).contains(HOSTILE);
        }
    }

    @Test
    void groupByKeysReadPointAttributesResourceAttributesOrTheServiceColumn() {
        String sql = plan(MetricKind.GAUGE, query("max", null, null, List.of("http.route", "resource.host.name", "service.name")))
                .query().sql();
        assertThat(sql).contains("[attributes[{p4:String}], resource_attributes[{p5:String}], toString(service_name)] AS labels")
                .contains("max(value) AS v");
    }

    @Test
    void filtersBecomeMapConditions() {
        String sql = plan(MetricKind.SUM, query("sum", null, List.of(new MetricSeriesRequest.Filter("http.route", "neq", "/health", null),
                new MetricSeriesRequest.Filter("resource.host.name", "regex", "^web-", null)), null)).query().sql();
        assertThat(sql).contains("(attributes[{p3:String}] != {p4:String})").contains("(match(resource_attributes[{p5:String}], {p6:String}))");
    }

    @Test
    void countersTakeDifferencesPerSeriesFromOneStepEarlier() {
        MetricSeriesQuery query = query("rate", null, null, null);
        TelemetrySql.Query sql = plan(MetricKind.SUM, query).query();
        assertThat(sql.sql()).contains("FROM otel_metrics_sum").contains("(is_monotonic)")
                .contains("lagInFrame(value) OVER series")
                .contains("PARTITION BY cityHash64(resource_attributes, attributes) ORDER BY timestamp")
                .contains("sum(increase) / {p3:UInt32} AS v")
                .contains("WHERE timestamp >= fromUnixTimestamp64Nano({p4:Int64}, 'UTC') AND increase IS NOT NULL");
        assertThat(sql.parameters().get("p1")).isEqualTo(query.range().fromNanos() - 60_000_000_000L);
        assertThat(sql.parameters().get("p4")).isEqualTo(query.range().fromNanos());
        assertThat(plan(MetricKind.SUM, query("increase", null, null, null)).query().sql()).contains("sum(increase) AS v");
    }

    @Test
    void histogramsReturnMergedBucketsPerStepAndLayout() {
        MetricSeriesSql.Plan plan = plan(MetricKind.HISTOGRAM, query("p95", null, null, null));
        assertThat(plan.shape()).isEqualTo(MetricSeriesSql.Shape.HISTOGRAM);
        assertThat(plan.query().sql()).contains("FROM otel_metrics_histogram").contains("sumForEach(d_buckets) AS bc")
                .contains("GROUP BY labels, t, bounds");
        MetricSeriesSql.Plan exponential = plan(MetricKind.EXPONENTIAL_HISTOGRAM, query("p50", null, null, null));
        assertThat(exponential.shape()).isEqualTo(MetricSeriesSql.Shape.EXPONENTIAL_HISTOGRAM);
        assertThat(exponential.query().sql()).contains("sumMap(d_positive) AS pos").contains("GROUP BY labels, t, scale");
    }

    @Test
    void summariesAverageAReportedQuantileOrDifferenceTheirTotals() {
        TelemetrySql.Query quantile = plan(MetricKind.SUMMARY, query("p99", null, null, null)).query();
        assertThat(quantile.sql()).contains("avg(quantile_values.value[indexOf(quantile_values.quantile, {p4:Float64})])")
                .doesNotContain("OVER");
        assertThat(quantile.parameters()).containsEntry("p4", 0.99);
        assertThat(plan(MetricKind.SUMMARY, query("avg", null, null, null)).query().sql()).contains("sum(d_sum) / sum(d_count) AS v")
                .contains("HAVING sum(d_count) > 0");
    }

    @Test
    void everyCatalogueQueryIsScopedAndBounded() {
        assertThat(MetricCatalogueSql.kinds(TENANT, HOSTILE, Optional.of(HOSTILE)).sql()).startsWith("SELECT metric_type")
                .contains("FROM metric_catalogue\nWHERE tenant_id = {tenant_id:UUID}").doesNotContain("OR 1=1");
        assertThat(MetricCatalogueSql.names(TENANT, Optional.empty(), "http.", 50).sql())
                .contains("(startsWith(metric_name, {p0:String}))").contains("LIMIT {p1:UInt32}");
        TelemetrySql.Query values = MetricCatalogueSql.attributeValues(TENANT, "m", "k", "v", 1000);
        assertThat(values.sql()).contains("FROM metric_attribute_catalogue")
                .contains("(startsWith(attribute_value, {p2:String}))").contains("LIMIT {p3:UInt32}");
        assertThat(values.parameters()).containsEntry("p3", 1001);
        assertThat(MetricCatalogueSql.attributeKeys(TENANT, "m", "", 10).sql()).doesNotContain("startsWith");
    }

    @Test
    void gaugeMinutesReadManyQueriesInOneScanOfTheMinuteAggregates() {
        // whole minutes: NOW is on one, so "now-1h" to now is a union of minutes at a 1m step
        MetricSeriesQuery avgByHost = query("avg", null, List.of(), List.of("host.name"), NOW, "1m");
        MetricSeriesQuery maxOfCheckout = query("max", "checkout", List.of(new MetricSeriesRequest.Filter("cpu.mode", "eq", HOSTILE, null)),
                List.of("host.name"), NOW, "1m");
        MetricSeriesQuery count = query("count", null, List.of(), List.of(), NOW, "1m");
        TelemetrySql.Query batch = MetricSeriesSql.gaugeMinutes(TENANT, avgByHost.range(), 60, List.of(avgByHost, maxOfCheckout, count), 1000);

        assertThat(batch.sql()).doesNotContain("1=1", "currentDatabase").containsOnlyOnce("FROM otel_metrics_gauge_1m")
                .contains("ARRAY JOIN matched AS q").contains("arrayFilter((i, hit) -> hit, range(1, 4), [")
                // one label column per distinct group-by (the two by host share one), the aggregate each query asks
                .contains("[attributes[{p3:String}]] AS labels_0, CAST([], 'Array(String)') AS labels_1")
                .contains("arrayElement([labels_0, labels_1], arrayElement([1, 1, 2], q)) AS labels")
                .contains("toFloat64(sum(count))], arrayElement([1, 3, 5], q)) AS v")
                .endsWith("BY q");
        // the metric name is one placeholder for the three queries: one condition text, tested once per row
        assertThat(batch.parameters().values().stream().filter("http.server.duration"::equals)).hasSize(1);
        assertThat(batch.parameters()).containsValue(HOSTILE).containsValue("checkout");

        MetricSeriesQuery unaligned = query("avg", null, List.of(), List.of(), NOW.plusMillis(1500), "1m");
        assertThatThrownBy(() -> MetricSeriesSql.gaugeMinutes(TENANT, unaligned.range(), 60, List.of(unaligned), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricSeriesSql.gaugeMinutes(TENANT, avgByHost.range(), 60, List.of(query("p95", null, List.of(), List.of(),
                NOW, "1m")), 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
