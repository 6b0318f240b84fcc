package io.telemetryflow.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.QueryLimits;
import io.telemetryflow.telemetry.SeverityLevel;
import io.telemetryflow.telemetry.TelemetrySql.Query;
import io.telemetryflow.telemetry.TimeRange;
import io.telemetryflow.tenancy.TenantPlacement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LogsSqlTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final TenantPlacement TENANT = new TenantPlacement(UUID.fromString("0b6f3a52-7d1e-4b8e-9a51-3f0c2d9e8a11"),
            UUID.fromString("1c7a4b63-8e2f-4c9f-8b62-4a1d3e0f9b22"), UUID.fromString("9a7c1e63-2b4d-4f8a-b5c9-6d3e0f1a2b33"));
    private static final String HOSTILE = "'); DROP TABLE otel_logs; -- {tenant_id:UUID} currentDatabase() \\' %_";

    private static LogFilter filter(String query, String severity, List<String> services, String traceId, String spanId,
                                    List<LogRequests.Attribute> filters) {
        return LogFilter.parse("now-1h", "now", query, severity, services, traceId, spanId, filters, NOW, QueryLimits.defaults());
    }

    @Test
    void aSearchWithOneTermAndASeverityOverOneHour() {
        Query query = LogsSql.page(TENANT, filter("timeout", "warn", List.of(), null, null, null), null, 101);

        // the benchmark's query (docs/telemetry-api.md): partition/primary key on tenant + timestamp, idx_severity_level, idx_body
        assertThat(query.sql()).isEqualTo("""
                SELECT toUnixTimestamp64Nano(timestamp) AS time_nanos, toUnixTimestamp64Nano(observed_timestamp) AS observed_nanos, \
                severity_number, severity_text, severity_level, body, service_name, trace_id, span_id, attributes, resource_attributes, \
                scope_name, reinterpretAsInt64(cityHash64(timestamp, observed_timestamp, severity_number, severity_text, body, trace_id, \
                span_id, attributes, resource_attributes, scope_name)) AS row_key
                FROM otel_logs
                WHERE tenant_id = {tenant_id:UUID}
                  AND (timestamp >= fromUnixTimestamp64Nano({p0:Int64}, 'UTC') AND timestamp < fromUnixTimestamp64Nano({p1:Int64}, 'UTC'))
                  AND (severity_level IN ({p2:String}, {p3:String}, {p4:String}))
                  AND (hasToken(body, {p5:String}))
                ORDER BY timestamp DESC, row_key DESC
                LIMIT {p6:UInt32}""");
        assertThat(query.parameters()).containsEntry("tenant_id", TENANT.tenantId().toString())
                .containsEntry("p0", 1_795_345_200_000_000_000L).containsEntry("p1", 1_795_348_800_000_000_000L)
                .containsEntry("p2", "WARN").containsEntry("p3", "ERROR").containsEntry("p4", "FATAL")
                .containsEntry("p5", "timeout").containsEntry("p6", 101);
    }

    @Test
    void everyFilterIsAParameterizedCondition() {
        LogFilter filter = filter(HOSTILE, null, List.of(HOSTILE, "checkout", "checkout"), "5B8EFFF798038103D269B633813FC60C",
                "eee19b7ec3c1b174", List.of(new LogRequests.Attribute(HOSTILE, "eq", HOSTILE, null),
                        new LogRequests.Attribute("resource.host.name", "in", null, List.of("a", HOSTILE))));
        Query query = LogsSql.pageTimes(TENANT, filter, null, 101);

        assertThat(query.sql()).doesNotContain("DROP", "currentDatabase", "checkout", "5b8e", "eee1", "host.name", "%")
                .contains("service_name IN ({p2:String}, {p3:String})", "trace_id = {p4:String}", "span_id = {p5:String}",
                        "attributes[{p", "resource_attributes[{p")
                .startsWith("SELECT count() AS matched, arrayMap(t -> -t, groupArraySorted({p")
                .contains("FROM otel_logs\nWHERE tenant_id = {tenant_id:UUID}");
        assertThat(query.sql().split("tenant_id", -1)).hasSize(3);   // the predicate, and nothing else naming the tenant
        assertThat(query.parameters()).containsValues("checkout", "5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174");
    }

    @Test
    void aPageAfterACursorReadsUpToItsPositionWithinThePinnedRange() {
        LogFilter filter = filter(null, null, List.of(), null, null, null);
        LogsSql.After after = new LogsSql.After(filter.range().toNanos() - 10, -7);
        LogFilter remaining = filter.within(TimeRange.of(filter.range().from(), TimeRange.instant(after.timeNanos() + 1)));
        Query query = LogsSql.page(TENANT, remaining, after, 103);

        assertThat(query.sql()).contains("""
                WHERE tenant_id = {tenant_id:UUID}
                  AND (timestamp >= fromUnixTimestamp64Nano({p0:Int64}, 'UTC') AND timestamp < fromUnixTimestamp64Nano({p1:Int64}, 'UTC'))
                  AND (timestamp < fromUnixTimestamp64Nano({p2:Int64}, 'UTC') OR row_key <= {p3:Int64})
                ORDER BY timestamp DESC, row_key DESC
                LIMIT {p4:UInt32}""");
        assertThat(query.parameters()).containsEntry("p1", filter.range().toNanos() - 9).containsEntry("p2", filter.range().toNanos() - 10)
                .containsEntry("p3", -7L).containsEntry("p4", 103);

        // the first step of that page looks below the cursor's time: the records at its time come from the page itself
        Query times = LogsSql.pageTimes(TENANT, remaining, after, 103);
        assertThat(times.sql()).endsWith("""
                  AND (timestamp < fromUnixTimestamp64Nano({p2:Int64}, 'UTC'))""");
        assertThat(times.parameters()).containsEntry("p2", filter.range().toNanos() - 10).containsEntry("p3", 103);
    }

    @Test
    void histogramTopValuesAndTraceQueries() {
        LogFilter filter = filter(null, "error", List.of(), null, null, null);

        assertThat(LogsSql.histogram(TENANT, filter, 60_000).sql()).isEqualTo("""
                SELECT intDiv(toUnixTimestamp64Milli(timestamp), {p0:Int64}) * {p0:Int64} AS bucket, severity_level, count() AS records
                FROM otel_logs
                WHERE tenant_id = {tenant_id:UUID}
                  AND (timestamp >= fromUnixTimestamp64Nano({p1:Int64}, 'UTC') AND timestamp < fromUnixTimestamp64Nano({p2:Int64}, 'UTC'))
                  AND (severity_level IN ({p3:String}, {p4:String}))
                GROUP BY bucket, severity_level
                ORDER BY bucket, severity_level""");

        Query top = LogsSql.topValues(TENANT, filter, LogsSql.Field.parse("resource.host.name"), 5);
        assertThat(top.sql()).isEqualTo("""
                SELECT value, records, sum(records) OVER () AS matched, count() OVER () AS distinct_values
                FROM (SELECT resource_attributes[{p5:String}] AS value, count() AS records
                FROM otel_logs
                WHERE tenant_id = {tenant_id:UUID}
                  AND (timestamp >= fromUnixTimestamp64Nano({p0:Int64}, 'UTC') AND timestamp < fromUnixTimestamp64Nano({p1:Int64}, 'UTC'))
                  AND (severity_level IN ({p2:String}, {p3:String}))
                  AND (hasToken(body, {p4:String}))
                  AND (mapContains(resource_attributes, {p5:String}))
                GROUP BY value)
                ORDER BY records DESC, value
                LIMIT {p6:UInt32}""".replace("  AND (hasToken(body, {p4:String}))\n", "").replace("{p5:", "{p4:").replace("{p6:", "{p5:"));
        assertThat(top.parameters()).containsEntry("p4", "host.name");
        assertThat(LogsSql.topValues(TENANT, filter, LogsSql.Field.parse("service.name"), 5).sql()).contains("SELECT service_name AS value")
                .doesNotContain("mapContains");
        assertThat(LogsSql.topValues(TENANT, filter, LogsSql.Field.parse("severity"), 5).sql()).contains("SELECT severity_level AS value");
        assertThat(LogsSql.topValues(TENANT, filter, LogsSql.Field.parse("scope.name"), 5).sql()).contains("SELECT scope_name AS value");
        assertThat(LogsSql.topValues(TENANT, filter, LogsSql.Field.parse(HOSTILE), 5).sql()).contains("attributes[{p4:String}] AS value")
                .doesNotContain("DROP");

        assertThat(LogsSql.traceSpan(TENANT, "5b8efff798038103d269b633813fc60c").sql()).isEqualTo("""
                SELECT count() AS found, toUnixTimestamp64Nano(min(start_time)) AS first_start, \
                toUnixTimestamp64Nano(max(end_time)) AS last_end
                FROM otel_traces_trace_id_ts
                WHERE tenant_id = {tenant_id:UUID}
                  AND (trace_id = {p0:String})""");
        LogFilter ofTrace = new LogFilter(filter.range(), new BodySearch(List.of()), null, List.of(), "5b8efff798038103d269b633813fc60c",
                null, List.of());
        assertThat(LogsSql.oldestFirst(TENANT, ofTrace, 101).sql()).contains("""
                  AND (trace_id = {p2:String})
                ORDER BY timestamp, row_key
                LIMIT {p3:UInt32}""");
    }

    @Test
    void filtersAreValidatedNamingTheirField() {
        assertField(() -> filter(null, "loud", List.of(), null, null, null), "severity");
        assertField(() -> filter(null, null, List.of(""), null, null, null), "service");
        assertField(() -> filter(null, null, java.util.Collections.nCopies(LogFilter.MAX_SERVICES + 1, "s"), null, null, null), "service");
        assertField(() -> filter(null, null, List.of(), "xyz", null, null), "traceId");
        assertField(() -> filter(null, null, List.of(), "5b8efff798038103d269b633813fc60c'", null, null), "traceId");
        assertField(() -> filter(null, null, List.of(), null, "eee19b7ec3c1b17", null), "spanId");
        assertField(() -> filter(null, null, List.of(), null, null, java.util.Collections.nCopies(21,
                new LogRequests.Attribute("k", "eq", "v", null))), "filters");
        assertField(() -> filter(null, null, List.of(), null, null, List.of(new LogRequests.Attribute("k", "like", "v", null))),
                "filters.op");
        assertField(() -> LogsSql.Field.parse(null), "field");
        assertField(() -> LogsSql.Field.parse("resource."), "field");
        assertField(() -> LogRequests.limit(0, 1, 1000, 100), "limit");
        assertField(() -> LogRequests.limit(1001, 1, 1000, 100), "limit");

        LogFilter filter = filter(null, "Fatal", List.of("b", "a", "b"), null, null, null);
        assertThat(filter.severity()).isEqualTo(SeverityLevel.FATAL);
        assertThat(filter.services()).containsExactly("a", "b");
        assertThat(SeverityLevel.TRACE.atOrAbove()).containsExactly("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    }

    @Test
    void fingerprintsDifferWhenTheQueryDoes() {
        UUID tenant = TENANT.tenantId();
        byte[] base = filter("a b", "warn", List.of("s"), null, null, null).fingerprint(tenant, "now-1h", "now");

        assertThat(filter("a b", "warn", List.of("s"), null, null, null).fingerprint(tenant, "now-1h", "now")).isEqualTo(base);
        assertThat(filter("a b", "warn", List.of("s"), null, null, null).fingerprint(tenant, "now-2h", "now")).isNotEqualTo(base);
        assertThat(filter("\"a b\"", "warn", List.of("s"), null, null, null).fingerprint(tenant, "now-1h", "now")).isNotEqualTo(base);
        assertThat(filter("a b", "error", List.of("s"), null, null, null).fingerprint(tenant, "now-1h", "now")).isNotEqualTo(base);
        assertThat(filter("a b", "warn", List.of("s", "t"), null, null, null).fingerprint(tenant, "now-1h", "now")).isNotEqualTo(base);
        assertThat(filter("a b", "warn", List.of("s"), null, null, null).fingerprint(UUID.randomUUID(), "now-1h", "now")).isNotEqualTo(base);
    }

    @Test
    void histogramStepsDefaultToAboutSixtyBucketsAndAreBounded() {
        TimeRange hour = TimeRange.of(NOW.minusSeconds(3600), NOW);
        assertThat(step(null).stepMillis(hour)).isEqualTo(60_000);
        assertThat(step(null).stepMillis(TimeRange.of(NOW.minusSeconds(7 * 86400), NOW))).isEqualTo(10_800_000);
        assertThat(step(null).stepMillis(TimeRange.of(NOW.minusSeconds(10), NOW))).isEqualTo(1_000);
        assertThat(step("5m").stepMillis(hour)).isEqualTo(300_000);
        assertThat(step("90").stepMillis(hour)).isEqualTo(90_000);
        assertThat(step("1d").stepMillis(hour)).isEqualTo(86_400_000);
        assertField(() -> step("1s").stepMillis(TimeRange.of(NOW.minusSeconds(7200), NOW)), "step");
        assertField(() -> step("0m").stepMillis(hour), "step");
        assertField(() -> step("5 minutes").stepMillis(hour), "step");
        assertField(() -> step("-5m").stepMillis(hour), "step");
    }

    private static LogRequests.Histogram step(String step) {
        return LogRequests.Filter.NONE.histogram(step);
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOf(Rejected.class).extracting(e -> ((Rejected) e).field()).isEqualTo(field);
    }


    @Test
    void countsForAnAlertRuleArePerStepAndGroupWithTheGroupKeyAsAParameter() {
        Query grouped = LogsSql.counts(TENANT, filter("timeout", "error", List.of(), null, null, null), LogsSql.Field.parse(HOSTILE), 60_000, 1000);
        assertThat(grouped.sql()).doesNotContain("DROP", "currentDatabase")
                .contains("SELECT value, groupArray(bucket) AS buckets, groupArray(records) AS counts")
                .contains("attributes[{p6:String}] AS value, intDiv(toUnixTimestamp64Milli(timestamp), {p0:Int64}) * {p0:Int64} AS bucket")
                .contains("AND (mapContains(attributes, {p6:String}))").contains("GROUP BY value, bucket").endsWith("LIMIT {p7:UInt32}");
        assertThat(grouped.parameters()).containsEntry("p0", 60_000L).containsEntry("p6", HOSTILE).containsEntry("p7", 1000);

        Query single = LogsSql.counts(TENANT, filter(null, null, List.of("checkout"), null, null, null), null, 10_000, 1);
        assertThat(single.sql()).contains("SELECT '' AS value").contains("service_name IN ({p3:String})").doesNotContain("mapContains");
    }

    @Test
    void minuteCountsCountManyFiltersInOneScanTestingEqualConditionsOnce() {
        TimeRange range = TimeRange.of(NOW.minusSeconds(180), NOW);
        Query query = LogsSql.minuteCounts(TENANT, range, List.of(
                new LogsSql.Counted(filter("timeout", "error", List.of(), null, null, null), LogsSql.Field.parse("service.name")),
                new LogsSql.Counted(filter("timeout", "warn", List.of(), null, null,
                        List.of(new LogRequests.Attribute("log.logger", "neq", HOSTILE, null))), null),
                new LogsSql.Counted(filter(null, null, List.of("checkout"), null, null, null), LogsSql.Field.parse(HOSTILE)),
                new LogsSql.Counted(filter("timeout", "error", List.of(), null, null, null), LogsSql.Field.parse("service.name"))), 1000);

        // one scan of the range; each filter a disjunct, and its matches picked per record by position (q, 1-based)
        assertThat(query.sql()).doesNotContain("DROP", "currentDatabase")
                .containsOnlyOnce("FROM otel_logs").contains("ARRAY JOIN matched AS q")
                .contains("(timestamp >= fromUnixTimestamp64Nano({p1:Int64}, 'UTC')")
                .contains("arrayFilter((i, hit) -> hit, range(1, 5), [").endsWith("LIMIT {p" + (query.parameters().size() - 2) + ":UInt32} BY q");
        // the same term is one placeholder, so one condition text ClickHouse tests once per record
        assertThat(query.parameters().values().stream().filter("timeout"::equals)).hasSize(1);
        String term = query.parameters().entrySet().stream().filter(e -> e.getValue().equals("timeout")).findFirst().orElseThrow().getKey();
        assertThat(query.sql().split("hasToken\\(body, \\{" + term + ":String}\\)", -1)).hasSize(1 + 2 * 3);   // 3 filters with it x (disjunct, array)
        // group-by columns: service_name (filters 1 and 4), the hostile attribute (filter 3, which must have it); none for 2
        assertThat(query.sql()).contains("toString(service_name) AS value_0, toString(attributes[{p")
                .contains("arrayElement([value_0, value_1, ''], arrayElement([1, 3, 2, 1], q)) AS value")
                .contains("mapContains(attributes, {p");
        assertThat(query.parameters()).containsValue(HOSTILE).containsEntry("p0", 60_000L);
        assertThatThrownBy(() -> LogsSql.minuteCounts(TENANT, range, List.of(), 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
