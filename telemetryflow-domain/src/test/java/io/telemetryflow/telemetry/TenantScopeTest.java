package io.telemetryflow.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.telemetry.metrics.MetricCatalogueSql;
import io.telemetryflow.telemetry.metrics.MetricExemplarQuery;
import io.telemetryflow.telemetry.metrics.MetricExemplarRequest;
import io.telemetryflow.telemetry.metrics.MetricKind;
import io.telemetryflow.telemetry.services.ServiceCatalogueSql;
import io.telemetryflow.telemetry.services.TelemetrySignal;
import io.telemetryflow.telemetry.traces.TraceSql;
import io.telemetryflow.tenancy.TenantPlacement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every SELECT that reads a table carries the tenant predicate itself: a predicate elsewhere in the text does not count. */
class TenantScopeTest {

    private static final TenantPlacement TENANT = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    private static final String SCOPED_CHILD = "(SELECT parent_key, service_name FROM otel_traces WHERE tenant_id = {tenant_id:UUID} AND (x = 1))";
    private static final String SCOPED_PARENT = "(SELECT span_key, service_name FROM otel_traces WHERE tenant_id = {tenant_id:UUID})";
    private static final String UNSCOPED_PARENT = "(SELECT span_key, service_name FROM otel_traces WHERE kind = 'CLIENT')";

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT count() FROM otel_logs WHERE tenant_id = {tenant_id:UUID}",
            "SELECT count() FROM otel_logs WHERE tenant_id = {tenant_id:UUID}\n  AND (a = 'x'' OR 1=1 -- )')\nGROUP BY a LIMIT 1",
            "SELECT * FROM " + SCOPED_CHILD + " AS child INNER JOIN " + SCOPED_PARENT + " AS parent ON child.parent_key = parent.span_key "
                    + "WHERE child.service_name != parent.service_name OR 1 = 1",
            "WITH (SELECT min(t) FROM otel_traces_trace_id_ts WHERE tenant_id = {tenant_id:UUID} AND trace_id = {p0:String}) AS s\n"
                    + "SELECT span FROM otel_trace_spans WHERE tenant_id = {tenant_id:UUID} AND (start_time >= s) ORDER BY start_time",
            "SELECT exemplar.value FROM otel_metrics_gauge\nARRAY JOIN exemplars AS exemplar\nWHERE tenant_id = {tenant_id:UUID} LIMIT 5",
            "SELECT a FROM otel_logs WHERE tenant_id = {tenant_id:UUID} UNION ALL SELECT a FROM otel_traces WHERE tenant_id = {tenant_id:UUID}",
            "EXPLAIN indexes = 1\nSELECT count() FROM (SELECT x FROM otel_logs WHERE tenant_id = {tenant_id:UUID}) WHERE x > 1",
            "SELECT toYear(extract(YEAR FROM now())) FROM otel_logs WHERE tenant_id = {tenant_id:UUID}"})
    void scopedReadsAreAccepted(String sql) {
        assertThatCode(() -> new TelemetrySql.Query(sql, Map.of())).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // the service-map regression: the predicate is in the text, but one side of the join reads every tenant
            "SELECT * FROM " + SCOPED_CHILD + " AS child INNER JOIN " + UNSCOPED_PARENT + " AS parent ON child.parent_key = parent.span_key",
            "SELECT * FROM " + UNSCOPED_PARENT + " AS parent INNER JOIN " + SCOPED_CHILD + " AS child ON child.parent_key = parent.span_key",
            "SELECT * FROM otel_traces AS child INNER JOIN otel_traces AS parent ON child.parent_key = parent.span_key "
                    + "WHERE tenant_id = {tenant_id:UUID}",
            "SELECT * FROM " + SCOPED_CHILD + " AS child, otel_traces WHERE tenant_id = {tenant_id:UUID}",
            "SELECT a FROM otel_logs WHERE tenant_id = {tenant_id:UUID} UNION ALL SELECT a FROM otel_traces WHERE 1",
            "SELECT a FROM otel_logs WHERE tenant_id = {tenant_id:UUID} AND trace_id IN (SELECT trace_id FROM otel_traces)",
            "SELECT count() FROM otel_logs",
            "SELECT 'tenant_id = {tenant_id:UUID}' FROM otel_logs",
            "SELECT count() FROM otel_logs WHERE 1 = 1 AND tenant_id = {tenant_id:UUID}",
            "SELECT count() FROM otel_logs WHERE tenant_id = {tenant_id:UUID} AND (a = 1) OR 1 = 1",
            "SELECT count() FROM otel_logs WHERE tenant_id = {tenant_id:UUID} = 0",
            "SELECT count() FROM otel_logs WHERE NOT tenant_id = {tenant_id:UUID}",
            "SELECT {p0:UUID} AS tenant_id FROM otel_logs WHERE tenant_id = {tenant_id:UUID}",
            "SELECT {p0:UUID} AS `tenant_id` FROM otel_logs WHERE tenant_id = {tenant_id:UUID}",
            "SELECT count() FROM remote('other-host', default.otel_logs) WHERE tenant_id = {tenant_id:UUID}",
            "SELECT count() FROM otel_logs WHERE tenant_id = {tenant_id:UUID} -- )",
            "SELECT count() FROM otel_logs WHERE tenant_id = {tenant_id:UUID} AND (a = 1",
            "SELECT count() FROM otel_logs WHERE tenant_id = {tenant_id:UUID}) UNION ALL (SELECT count() FROM otel_traces"})
    void anyUnscopedReadIsRefused(String sql) {
        assertThatThrownBy(() -> new TelemetrySql.Query(sql, Map.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("a telemetry query must read every table under the tenant predicate");
    }

    @Test
    void aPrefixIsCheckedWithTheQuery() {
        TelemetrySql.Query scoped = TelemetrySql.forTenant(TENANT).select("count() AS n", "otel_logs", "");
        assertThatThrownBy(() -> scoped.withPrefix("WITH (SELECT max(t) FROM otel_traces) AS newest\n"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(scoped.withPrefix("WITH 1 AS one\n").sql()).startsWith("WITH 1 AS one\nSELECT count() AS n");
    }

    @Test
    void everyBuilderOfTheDomainModuleBuildsScopedQueries() {
        TimeRange hour = TimeRange.of(Instant.parse("2026-11-20T01:00:00Z"), Instant.parse("2026-11-20T02:00:00Z"));
        assertThatCode(() -> {
            MetricCatalogueSql.kinds(TENANT, "m", Optional.of("s"));
            MetricCatalogueSql.names(TENANT, Optional.of("s"), "p", 10);
            MetricCatalogueSql.attributeKeys(TENANT, "m", "p", 10);
            MetricCatalogueSql.attributeValues(TENANT, "m", "k", "p", 10);
            ServiceCatalogueSql.services(TENANT, List.of(TelemetrySignal.values()), 10);
            TraceSql.serviceEdges(TENANT, hour);
            TraceSql.serviceNodes(TENANT, hour);
            MetricExemplarQuery exemplars = MetricExemplarQuery.parse(new MetricExemplarRequest("m", null, null, null, "s", List.of(), null, 5),
                    Instant.parse("2026-11-20T02:00:00Z"), QueryLimits.defaults());
            for (MetricKind kind : List.of(MetricKind.GAUGE, MetricKind.SUM, MetricKind.HISTOGRAM, MetricKind.EXPONENTIAL_HISTOGRAM)) {
                exemplars.sql(TENANT, kind);
            }
        }).doesNotThrowAnyException();
    }
}
