package io.telemetryflow.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.tenancy.TenantPlacement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TelemetrySqlTest {

    private static final TenantPlacement TENANT = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

    @Test
    void aQueryCarriesTheLongestRangeItReads() {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        TelemetrySql none = TelemetrySql.forTenant(TENANT);
        assertThat(none.select("count()", "otel_logs", "").range()).isZero();

        TelemetrySql two = TelemetrySql.forTenant(TENANT);
        two.during("timestamp", TimeRange.of(now.minus(Duration.ofHours(1)), now));
        two.during("start_time", TimeRange.of(now.minus(Duration.ofDays(8)), now));
        two.during("timestamp", TimeRange.of(now.minus(Duration.ofMinutes(5)), now));
        TelemetrySql.Query query = two.select("count()", "otel_logs", "");
        assertThat(query.range()).isEqualTo(Duration.ofDays(8));
        assertThat(query.withPrefix("WITH 1 AS one\n").range()).isEqualTo(Duration.ofDays(8));
    }

    @Test
    void everyQueryStartsWithTheTenantPredicateAndCarriesValuesOnlyAsParameters() {
        TelemetrySql sql = TelemetrySql.forTenant(TENANT);
        String hostile = "x' OR 1=1 --";
        sql.where("service_name = " + sql.bind("String", hostile))
                .during("timestamp", TimeRange.of(Instant.ofEpochSecond(10), Instant.ofEpochSecond(20)));
        TelemetrySql.Query query = sql.select("count() AS rows", "otel_logs", "LIMIT 1");

        assertThat(query.sql()).isEqualTo("""
                SELECT count() AS rows
                FROM otel_logs
                WHERE tenant_id = {tenant_id:UUID}
                  AND (service_name = {p0:String})
                  AND (timestamp >= fromUnixTimestamp64Nano({p1:Int64}, 'UTC') AND timestamp < fromUnixTimestamp64Nano({p2:Int64}, 'UTC'))
                LIMIT 1""");
        assertThat(query.sql()).doesNotContain(hostile);
        assertThat(query.parameters()).containsEntry("tenant_id", TENANT.tenantId().toString()).containsEntry("p0", hostile)
                .containsEntry("p1", 10_000_000_000L).containsEntry("p2", 20_000_000_000L);
    }

    @Test
    void attributeFiltersReadTheRightMapWithKeysAndValuesBound() {
        TelemetrySql sql = TelemetrySql.forTenant(TENANT);
        sql.attribute(AttributeFilter.of("http.route", "eq", "/cart", null))
                .attribute(AttributeFilter.of("resource.host.name", "in", null, List.of("a", "b")))
                .attribute(AttributeFilter.of("code", "not_regex", "^5", null))
                .attribute(AttributeFilter.of("resource.region", "exists", null, null))
                .attribute(AttributeFilter.of("env", "neq", "dev", null))
                .attribute(AttributeFilter.of("tier", "not_in", null, List.of("x")))
                .attribute(AttributeFilter.of("user", "regex", ".*", null));
        assertThat(sql.conditions()).isEqualTo("""
                tenant_id = {tenant_id:UUID}
                  AND (attributes[{p0:String}] = {p1:String})
                  AND (resource_attributes[{p2:String}] IN ({p3:String}, {p4:String}))
                  AND (NOT match(attributes[{p5:String}], {p6:String}))
                  AND (mapContains(resource_attributes, {p7:String}))
                  AND (attributes[{p8:String}] != {p9:String})
                  AND (attributes[{p10:String}] NOT IN ({p11:String}))
                  AND (match(attributes[{p12:String}], {p13:String}))""");
        TelemetrySql.Query query = sql.build("SELECT 1 FROM otel_traces WHERE " + sql.conditions());
        assertThat(query.parameters()).containsEntry("p0", "http.route").containsEntry("p2", "host.name").containsEntry("p7", "region");
    }

    @Test
    void sqlWithoutTheTenantPredicateIsRefused() {
        TelemetrySql sql = TelemetrySql.forTenant(TENANT);
        assertThatThrownBy(() -> sql.build("SELECT count() FROM otel_logs")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void filtersAreValidated() {
        assertThatThrownBy(() -> AttributeFilter.of("", "eq", "v", null)).isInstanceOf(Rejected.class)
                .hasMessageContaining("key");
        assertThatThrownBy(() -> AttributeFilter.of("k".repeat(257), "eq", "v", null)).isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> AttributeFilter.of("resource.", "eq", "v", null)).isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> AttributeFilter.of("k", "like", "v", null)).isInstanceOf(Rejected.class)
                .hasMessageContaining("op must be one of");
        assertThatThrownBy(() -> AttributeFilter.of("k", "eq", null, null)).isInstanceOf(Rejected.class)
                .hasMessageContaining("exactly one value");
        assertThatThrownBy(() -> AttributeFilter.of("k", "exists", "v", null)).isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> AttributeFilter.of("k", "in", null, List.of())).isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> AttributeFilter.of("k", "in", null, java.util.Collections.nCopies(101, "v")))
                .isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> AttributeFilter.of("k", "eq", "v".repeat(1025), null)).isInstanceOf(Rejected.class);
        assertThat(AttributeFilter.of("k", null, "v", null).operator()).isEqualTo(AttributeFilter.Operator.EQ);
        assertThat(AttributeFilter.of("k", "IN", null, List.of("a")).operator()).isEqualTo(AttributeFilter.Operator.IN);
    }

    @Test
    void aPredicateTakesTheConditionsItsPartAddsOutOfTheQueryAndEqualValuesCanShareAPlaceholder() {
        TelemetrySql sql = TelemetrySql.forTenant(TENANT).reusingEqualValues();
        String first = sql.predicate(part -> part.where("service_name = " + part.bind("String", "checkout")).where("severity_level = "
                + part.bind("String", "ERROR")));
        String second = sql.predicate(part -> part.where("service_name = " + part.bind("String", "checkout")));
        String none = sql.predicate(part -> { });

        assertThat(first).isEqualTo("((service_name = {p0:String}) AND (severity_level = {p1:String}))");
        assertThat(second).isEqualTo("((service_name = {p0:String}))");
        assertThat(none).isEqualTo("true");
        assertThat(sql.conditions()).isEqualTo(TelemetrySql.TENANT_PREDICATE);
        assertThat(sql.build("SELECT 1 FROM otel_logs WHERE " + sql.conditions()).parameters()).hasSize(3);
        // without reusingEqualValues every value is a placeholder of its own
        TelemetrySql plain = TelemetrySql.forTenant(TENANT);
        assertThat(plain.bind("String", "checkout")).isNotEqualTo(plain.bind("String", "checkout"));
    }
}
