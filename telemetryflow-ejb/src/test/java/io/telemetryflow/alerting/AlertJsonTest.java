package io.telemetryflow.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertJsonTest {

    @Test
    void aSpecIsStoredWithoutItsTenantAndReadsBackToTheSameRule() {
        String sent = """
                {"name":"High CPU","kind":"metric","tenantId":"6f1c2f3a-8d4e-4b0a-9c1d-2e3f4a5b6c7d",
                 "query":{"metric":"system.cpu.utilization","aggregation":"avg","filters":[{"key":"host.name","op":"eq","value":"web-1"}],
                          "groupBy":["host.name"]},
                 "condition":{"operator":"gt","threshold":0.9,"recoveryThreshold":0.8,"window":"5m","pendingFor":"2m"},
                 "interval":"1m","labels":{"team":"payments"},"annotations":{"summary":"CPU"},"severity":"high","version":3}""";
        AlertRuleSpec spec = jakarta.json.bind.JsonbBuilder.create().fromJson(sent, AlertRuleSpec.class);
        String stored = AlertJson.spec(spec);
        assertThat(stored).doesNotContain("tenantId").doesNotContain("version");
        AlertRuleSpec read = AlertJson.spec(stored);
        Instant now = Instant.parse("2026-12-06T21:00:00Z");
        RuleLimits limits = new RuleLimits(Duration.ofSeconds(10));
        assertThat(read.parse(now, limits)).isEqualTo(spec.parse(now, limits));
        assertThat(read.parse(now, limits).query()).isInstanceOf(MetricRuleQuery.class);
        assertThat(((MetricRuleQuery) read.parse(now, limits).query()).groupBy()).isEqualTo(List.of("host.name"));
    }

    @Test
    void labelsRoundTripSortedAsAJsonObject() {
        String json = AlertJson.labels(Map.of("b", "2\"", "a", "1"));
        assertThat(json).isEqualTo("{\"a\":\"1\",\"b\":\"2\\\"\"}");
        assertThat(AlertJson.labels(json)).containsExactly(Map.entry("a", "1"), Map.entry("b", "2\""));
    }
}
