package io.telemetryflow.telemetry.traces;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.telemetry.AttributeFilter;
import io.telemetryflow.telemetry.TelemetrySql;
import io.telemetryflow.telemetry.TimeRange;
import io.telemetryflow.tenancy.TenantPlacement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TraceSqlTest {

    private static final TenantPlacement TENANT = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    private static final TimeRange HOUR = TimeRange.of(Instant.parse("2026-11-20T01:00:00Z"), Instant.parse("2026-11-20T02:00:00Z"));
    private static final String HOSTILE = "'); DROP TABLE otel_traces; -- {tenant_id:UUID} \\' currentDatabase()";

    @Test
    void candidatesCarryEveryConditionAsParameters() {
        TelemetrySql.Query query = TraceSql.candidates(TENANT, new TraceSearch(null, null, HOSTILE, "GET /cart", 250_000_000L, 2_000_000_000L,
                "ERROR", List.of(AttributeFilter.of("resource.deployment.environment", "eq", HOSTILE, null)), 20), HOUR);
        assertThat(query.sql()).startsWith("SELECT trace_id, min(start_time) AS matched_start\nFROM otel_traces\nWHERE tenant_id = {tenant_id:UUID}")
                .contains("start_time >= fromUnixTimestamp64Nano({p0:Int64}, 'UTC')", "service_name = {p2:String}", "name = {p3:String}",
                        "duration_ns >= {p4:UInt64}", "duration_ns <= {p5:UInt64}", "status_code = {p6:String}",
                        "resource_attributes[{p7:String}] = {p8:String}")
                .endsWith("GROUP BY trace_id\nORDER BY matched_start DESC, trace_id\nLIMIT {p9:UInt32}")
                .doesNotContain("DROP", "currentDatabase", "GET /cart");
        assertThat(query.parameters()).containsEntry("tenant_id", TENANT.tenantId().toString()).containsEntry("p3", "GET /cart")
                .containsEntry("p4", 250_000_000L).containsEntry("p9", 21).containsEntry("p2", HOSTILE);
    }

    @Test
    void candidatesWithoutConditionsReadTheRangeOnly() {
        TelemetrySql.Query query = TraceSql.candidates(TENANT, new TraceSearch(null, null, null, null, null, null, null, List.of(), 50), HOUR);
        assertThat(query.sql()).doesNotContain("service_name =", "duration_ns", "status_code", "attributes");
        assertThat(query.parameters()).hasSize(4);
    }

    @Test
    void summariesAndTraceFetchReadTheTraceIdLookupUnderTheTenant() {
        String summaries = TraceSql.summaries(TENANT, List.of("a".repeat(32), "b".repeat(32))).sql();
        assertThat(summaries).contains("FROM otel_traces_trace_id_ts\nWHERE tenant_id = {tenant_id:UUID}\n"
                        + "  AND (trace_id IN ({p0:String}, {p1:String}))", "groupUniqArrayArray(services)", "min(root)")
                .endsWith("GROUP BY trace_id");
        TelemetrySql.Query fetch = TraceSql.spans(TENANT, TraceId.parse("c".repeat(32)));
        assertThat(fetch.sql()).startsWith("WITH (SELECT (min(start_time), max(end_time)) FROM otel_traces_trace_id_ts "
                        + "WHERE tenant_id = {tenant_id:UUID} AND trace_id = {p0:String}) AS trace_span\nSELECT base64Encode(span) AS document\nFROM otel_trace_spans\n")
                .contains("WHERE tenant_id = {tenant_id:UUID}\n  AND (trace_id = {p0:String})",
                        "start_time >= tupleElement(trace_span, 1) AND start_time <= tupleElement(trace_span, 2)")
                .endsWith("ORDER BY start_time, span_id\nLIMIT {p1:UInt32}");
        assertThat(fetch.parameters()).containsEntry("p0", "c".repeat(32)).containsEntry("p1", TraceSql.MAX_TRACE_SPANS + 1);
    }

    @Test
    void serviceMapScopesBothSidesOfTheJoin() {
        String sql = TraceSql.serviceEdges(TENANT, HOUR).sql();
        assertThat(sql.split("tenant_id = \\{tenant_id:UUID}", -1)).hasSize(3);
        assertThat(sql).contains("kind IN ('CLIENT', 'PRODUCER')", "parent_key != 0", "ON child.parent_key = parent.span_key",
                "WHERE child.service != parent.service", "quantiles(0.5, 0.95, 0.99)(child.duration_ns)");
        assertThat(TraceSql.serviceNodes(TENANT, HOUR).sql()).contains("(" + TraceSql.ENTRY_SPAN + ")", "GROUP BY service");
    }

    @Test
    void redGroupsByServiceOrByOperation() {
        assertThat(TraceSql.red(TENANT, new RedQuery(null, null, null, null, 10), HOUR).sql())
                .contains("GROUP BY service\n").doesNotContain("operation");
        TelemetrySql.Query perOperation = TraceSql.red(TENANT, new RedQuery(null, null, HOSTILE, null, 10), HOUR);
        assertThat(perOperation.sql()).contains("service_name = {p2:String}", "GROUP BY service, operation").doesNotContain("DROP");
        TelemetrySql.Query series = TraceSql.redSeries(TENANT, new RedQuery(null, null, "api", 60L, 10), HOUR, List.of("GET /a", HOSTILE));
        assertThat(series.sql()).contains("name IN ({p3:String}, {p4:String})", "toIntervalSecond({p5:UInt32})",
                "GROUP BY service, operation, bucket_ms").doesNotContain("DROP");
        assertThat(series.parameters()).containsEntry("p5", 60L);
    }
}
