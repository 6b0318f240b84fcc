package io.telemetryflow.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.telemetry.TelemetrySql;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertHistoryTest {

    private static final TenantPlacement TENANT = new TenantPlacement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    private static final UUID RULE = UUID.randomUUID();

    @Test
    void aTransitionIsOneJsonRowWithWireStatesAndClickHouseTime() {
        AlertTransition transition = new AlertTransition("0123456789abcdef", Map.of("host.name", "web-1\"'"), AlertState.PENDING,
                AlertState.FIRING, 0.93, "value 0.93 > 0.9", Instant.parse("2026-12-06T20:41:48.123Z"));
        JsonObject row = Json.createReader(new StringReader(AlertHistory.row(TENANT.tenantId(), RULE, transition))).readObject();
        assertThat(row.getString("tenant_id")).isEqualTo(TENANT.tenantId().toString());
        assertThat(row.getString("rule_id")).isEqualTo(RULE.toString());
        assertThat(row.getJsonObject("labels").getString("host.name")).isEqualTo("web-1\"'");
        assertThat(row.getString("from_state")).isEqualTo("pending");
        assertThat(row.getString("to_state")).isEqualTo("firing");
        assertThat(row.getJsonNumber("value").doubleValue()).isEqualTo(0.93);
        assertThat(row.getString("at")).isEqualTo("2026-12-06 20:41:48.123");
    }

    @Test
    void aTransitionWithoutAValueStoresNull() {
        AlertTransition transition = new AlertTransition("0123456789abcdef", Map.of(), AlertState.NORMAL, AlertState.NO_DATA, null, null,
                Instant.EPOCH);
        JsonObject row = Json.createReader(new StringReader(AlertHistory.row(TENANT.tenantId(), RULE, transition))).readObject();
        assertThat(row.isNull("value")).isTrue();
        assertThat(row.getString("reason")).isEmpty();
        assertThat(row.getString("to_state")).isEqualTo("no_data");
    }

    @Test
    void historyReadsAreScopedToTheTenantAndRuleWithValuesAsParameters() {
        TelemetrySql.Query page = AlertHistory.page(TENANT, RULE, "0123456789abcdef", 50, 100);
        assertThat(page.sql()).startsWith("SELECT fingerprint").contains(TelemetrySql.TENANT_PREDICATE).contains("FROM alert_history")
                .contains("ORDER BY at DESC").doesNotContain(RULE.toString()).doesNotContain("0123456789abcdef");
        assertThat(page.parameters()).containsValues(TENANT.tenantId().toString(), RULE.toString(), "0123456789abcdef", 50, 100);
        assertThat(AlertHistory.count(TENANT, RULE, null).sql()).contains("count() AS total").doesNotContain("fingerprint =");
        assertThat(AlertHistory.episodes(TENANT, RULE).sql()).contains("to_state IN ('firing', 'normal')").contains("ORDER BY fingerprint, at");
    }
}
