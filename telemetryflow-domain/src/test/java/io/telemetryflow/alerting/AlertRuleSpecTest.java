package io.telemetryflow.alerting;

import static io.telemetryflow.alerting.RuleFixture.NOW;
import static io.telemetryflow.alerting.RuleFixture.rule;
import static io.telemetryflow.alerting.RuleFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.SeverityLevel;
import io.telemetryflow.telemetry.metrics.MetricAggregation;
import io.telemetryflow.telemetry.metrics.MetricSeriesRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlertRuleSpecTest {

    @Test
    void aFullMetricRuleParsesAsSent() {
        AlertRule rule = rule(r -> {
            r.recoveryThreshold = 0.8;
            r.evaluationDelay = "30s";
            r.noData = "keep_last";
            r.onError = "firing";
            r.resolveMissingAfter = 3;
            r.minDataPoints = 4;
            r.keepFiringFor = "10m";
            r.enabled = false;
        });
        assertThat(rule.name()).isEqualTo("High CPU");
        assertThat(rule.kind()).isEqualTo(RuleKind.METRIC);
        MetricRuleQuery query = (MetricRuleQuery) rule.query();
        assertThat(query.metric()).isEqualTo("system.cpu.utilization");
        assertThat(query.aggregation()).isEqualTo(MetricAggregation.AVG);
        assertThat(query.filters()).containsExactly(new MetricSeriesRequest.Filter("host.name", "eq", "web-1", null));
        assertThat(query.groupBy()).containsExactly("host.name");
        assertThat(rule.condition()).isEqualTo(new AlertCondition(AlertCondition.Operator.GT, 0.9, 0.8, AlertCondition.Reduce.AVG,
                Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofMinutes(10), 4));
        assertThat(rule.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(rule.evaluationDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(rule.noData()).isEqualTo(StateMapping.KEEP_LAST);
        assertThat(rule.onError()).isEqualTo(StateMapping.FIRING);
        assertThat(rule.resolveMissingAfter()).isEqualTo(3);
        assertThat(rule.labels()).containsExactly(Map.entry("team", "payments"));
        assertThat(rule.annotations()).containsEntry("runbookUrl", "https://runbooks.example.com/cpu");
        assertThat(rule.severity()).isEqualTo(AlertSeverity.HIGH);
        assertThat(rule.enabled()).isFalse();
    }

    @Test
    void absentFieldsTakeTheDocumentedDefaults() {
        AlertRule rule = new AlertRuleSpec("Minimal", "metric", new AlertRuleSpec.Query(null, "m", null, null, null, null, null, null, null, null),
                new AlertRuleSpec.Condition("gt", 1.0, null, null, null, null, null, null), null, null, null, null, null, null, null, null, null, null)
                .parse(NOW, RuleLimits.defaults());
        assertThat(rule.condition()).isEqualTo(new AlertCondition(AlertCondition.Operator.GT, 1.0, null, AlertCondition.Reduce.AVG,
                Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO, 1));
        assertThat(rule.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(rule.evaluationDelay()).isZero();
        assertThat(rule.noData()).isEqualTo(StateMapping.OWN_STATE);
        assertThat(rule.onError()).isEqualTo(StateMapping.OWN_STATE);
        assertThat(rule.resolveMissingAfter()).isEqualTo(2);
        assertThat(rule.labels()).isEmpty();
        assertThat(rule.annotations()).isEmpty();
        assertThat(rule.severity()).isEqualTo(AlertSeverity.MEDIUM);
        assertThat(rule.enabled()).isTrue();
        assertThat(((MetricRuleQuery) rule.query()).groupBy()).isEmpty();
    }

    @Test
    void theDefaultIntervalRisesToTheOperatorsMinimum() {
        AlertRule rule = spec(r -> r.interval = null).parse(NOW, new RuleLimits(Duration.ofMinutes(2)));
        assertThat(rule.interval()).isEqualTo(Duration.ofMinutes(2));
        assertRejected(() -> spec(r -> r.interval = "1m").parse(NOW, new RuleLimits(Duration.ofMinutes(2))), "interval", "between 2m and 1d");
    }

    @Test
    void aLogsRuleCountsWithTotalByDefaultAndGroupsByOneAttribute() {
        AlertRule rule = rule(r -> {
            r.kind = "logs";
            r.reduce = null;
            r.query = new AlertRuleSpec.Query(null, null, null, "checkout", null, null, "timeout \"payment failed\"", "error",
                    List.of(new MetricSeriesRequest.Filter("http.route", "eq", "/pay", null)), "service.name");
        });
        LogRuleQuery query = (LogRuleQuery) rule.query();
        assertThat(query.severity()).isEqualTo(SeverityLevel.ERROR);
        assertThat(query.service()).isEqualTo("checkout");
        assertThat(query.groupBy()).isEqualTo("service.name");
        assertThat(query.query()).isEqualTo("timeout \"payment failed\"");
        assertThat(rule.condition().reduce()).isEqualTo(AlertCondition.Reduce.TOTAL);
        assertThat(query.request("t1", NOW.minusSeconds(300), NOW).from()).isEqualTo("2026-12-06T11:55:00Z");
    }

    @Test
    void aTracesRuleNamesServiceOperationAndMeasure() {
        AlertRule rule = rule(r -> {
            r.kind = "traces";
            r.query = new AlertRuleSpec.Query(null, null, null, "checkout", "GET /cart", "P99", null, null, null, null);
        });
        assertThat(rule.query()).isEqualTo(new TraceRuleQuery("checkout", "GET /cart", TraceRuleQuery.Measure.P99));
    }

    @Test
    void anAbsenceRuleWrapsItsSignalsQueryAndBreachesBelowMinDataPoints() {
        AlertRule rule = rule(r -> {
            r.absence("metric");
            r.minDataPoints = 3;
        });
        assertThat(rule.query()).isEqualTo(new AbsenceRuleQuery(new MetricRuleQuery("system.cpu.time", MetricAggregation.AVG, null, List.of(), List.of())));
        assertThat(rule.condition().operator()).isEqualTo(AlertCondition.Operator.LT);
        assertThat(rule.condition().threshold()).isEqualTo(3);
        AlertRule logs = rule(r -> {
            r.absence("logs");
            r.query = new AlertRuleSpec.Query("logs", null, null, "checkout", null, null, "heartbeat", null, null, null);
        });
        assertThat(((AbsenceRuleQuery) logs.query()).inner()).isInstanceOf(LogRuleQuery.class);
    }

    @Test
    void theMetricQueryBecomesAReadApiRequestForTheWindow() {
        MetricRuleQuery query = (MetricRuleQuery) rule(r -> { }).query();
        MetricSeriesRequest request = query.request("tenant-1", NOW.minusSeconds(300), NOW, "60s", 100);
        assertThat(request).isEqualTo(new MetricSeriesRequest("system.cpu.utilization", null, "2026-12-06T11:55:00Z", "2026-12-06T12:00:00Z",
                "60s", "avg", null, List.of(new MetricSeriesRequest.Filter("host.name", "eq", "web-1", null)), List.of("host.name"), "tenant-1", 100));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                bad("name", r -> r.name = " "),
                bad("name", r -> r.name = "x".repeat(201)),
                bad("name", r -> r.name = "line\nbreak"),
                bad("kind", r -> r.kind = "sql"),
                bad("kind", r -> r.kind = null),
                bad("query", r -> r.query = null),
                bad("query.metric", r -> r.query = new AlertRuleSpec.Query(null, null, null, null, null, null, null, null, null, null)),
                bad("query.aggregation", r -> r.query = new AlertRuleSpec.Query(null, "m", "median", null, null, null, null, null, null, null)),
                bad("query.filters.op", r -> r.query = new AlertRuleSpec.Query(null, "m", null, null, null, null, null, null,
                        List.of(new MetricSeriesRequest.Filter("k", "like", "v", null)), null)),
                bad("query.filters", r -> r.query = new AlertRuleSpec.Query(null, "m", null, null, null, null, null, null,
                        IntStream.range(0, 21).mapToObj(i -> new MetricSeriesRequest.Filter("k" + i, "eq", "v", null)).toList(), null)),
                bad("query.groupBy", r -> r.query = new AlertRuleSpec.Query(null, "m", null, null, null, null, null, null, null,
                        List.of("a", "b", "c", "d", "e", "f"))),
                bad("query.groupBy", r -> r.query = new AlertRuleSpec.Query(null, "m", null, null, null, null, null, null, null, List.of("a", 3))),
                bad("query.measure", r -> r.query = new AlertRuleSpec.Query(null, "m", null, null, null, "p99", null, null, null, null)),
                bad("query.signal", r -> r.query = new AlertRuleSpec.Query("logs", "m", null, null, null, null, null, null, null, null)),
                bad("query.severity", r -> {
                    r.kind = "logs";
                    r.reduce = null;
                    r.query = new AlertRuleSpec.Query(null, null, null, null, null, null, null, "loud", null, null);
                }),
                bad("query.query", r -> {
                    r.kind = "logs";
                    r.query = new AlertRuleSpec.Query(null, null, null, null, null, null, "\"unclosed", null, null, null);
                }),
                bad("query.groupBy", r -> {
                    r.kind = "logs";
                    r.query = new AlertRuleSpec.Query(null, null, null, null, null, null, null, null, null, List.of("a", "b"));
                }),
                bad("query.metric", r -> {
                    r.kind = "logs";
                    r.query = new AlertRuleSpec.Query(null, "m", null, null, null, null, null, null, null, null);
                }),
                bad("query.service", r -> {
                    r.kind = "traces";
                    r.query = new AlertRuleSpec.Query(null, null, null, null, null, "p99", null, null, null, null);
                }),
                bad("query.measure", r -> {
                    r.kind = "traces";
                    r.query = new AlertRuleSpec.Query(null, null, null, "checkout", null, "p42", null, null, null, null);
                }),
                bad("query.signal", r -> r.absence("traces")),
                bad("query.signal", r -> r.absence(null)),
                bad("condition", r -> r.kind = "metric", true),
                bad("condition.operator", r -> r.operator = "above"),
                bad("condition.operator", r -> r.operator = null),
                bad("condition.threshold", r -> r.threshold = null),
                bad("condition.threshold", r -> r.threshold = Double.NaN),
                bad("condition.recoveryThreshold", r -> r.recoveryThreshold = 0.95),
                bad("condition.recoveryThreshold", r -> r.recoveryThreshold = 0.9),
                bad("condition.recoveryThreshold", r -> {
                    r.operator = "lt";
                    r.recoveryThreshold = 0.5;
                }),
                bad("condition.recoveryThreshold", r -> {
                    r.operator = "eq";
                    r.recoveryThreshold = 0.5;
                }),
                bad("condition.recoveryThreshold", r -> r.recoveryThreshold = Double.POSITIVE_INFINITY),
                bad("condition.reduce", r -> r.reduce = "median"),
                bad("condition.window", r -> r.window = "25h"),
                bad("condition.window", r -> r.window = "0s"),
                bad("condition.window", r -> r.window = "5 minutes"),
                bad("condition.window", r -> r.window = "1500ms"),
                bad("condition.pendingFor", r -> r.pendingFor = "2d"),
                bad("condition.keepFiringFor", r -> r.keepFiringFor = "25h"),
                bad("condition.minDataPoints", r -> r.minDataPoints = 0),
                bad("condition.minDataPoints", r -> r.minDataPoints = 10_001),
                bad("condition.threshold", r -> {
                    r.absence("metric");
                    r.threshold = 1.0;
                }),
                bad("condition.operator", r -> {
                    r.absence("metric");
                    r.operator = "lt";
                }),
                bad("interval", r -> r.interval = "5s"),
                bad("interval", r -> r.interval = "2d"),
                bad("evaluationDelay", r -> r.evaluationDelay = "2h"),
                bad("noData", r -> r.noData = "error"),
                bad("onError", r -> r.onError = "no_data"),
                bad("onError", r -> r.onError = "explode"),
                bad("resolveMissingAfter", r -> r.resolveMissingAfter = 0),
                bad("resolveMissingAfter", r -> r.resolveMissingAfter = 101),
                bad("labels", r -> r.labels = manyEntries()),
                bad("labels", r -> r.labels = Map.of("1team", "x")),
                bad("labels", r -> r.labels = Map.of("k".repeat(65), "x")),
                bad("labels.team", r -> r.labels = Map.of("team", "x".repeat(257))),
                bad("labels.team", r -> r.labels = nullValue("team")),
                bad("annotations", r -> r.annotations = manyEntries()),
                bad("annotations.description", r -> r.annotations = Map.of("description", "x".repeat(4097))),
                bad("annotations.runbookUrl", r -> r.annotations = Map.of("runbookUrl", "javascript:alert(1)")),
                bad("annotations.runbookUrl", r -> r.annotations = Map.of("runbookUrl", "ftp://runbooks.example.com/x")),
                bad("annotations.runbookUrl", r -> r.annotations = Map.of("runbookUrl", "/relative/path")),
                bad("annotations.runbookUrl", r -> r.annotations = Map.of("runbookUrl", "https://exa mple.com")),
                bad("severity", r -> r.severity = "urgent"));
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("invalid")
    void everyErrorIsA400NamingTheJsonPath(String field, Consumer<RuleFixture> change, boolean noCondition) {
        AlertRuleSpec body = spec(change);
        AlertRuleSpec sent = noCondition ? new AlertRuleSpec(body.name(), body.kind(), body.query(), null, body.interval(), body.evaluationDelay(),
                body.noData(), body.onError(), body.resolveMissingAfter(), body.labels(), body.annotations(), body.severity(), body.enabled(),
                body.tenantId()) : body;
        assertThatThrownBy(() -> sent.parse(NOW, RuleLimits.defaults()))
                .isInstanceOfSatisfying(Rejected.class, rejected -> {
                    assertThat(rejected.reason()).isEqualTo(Rejected.Reason.INVALID);
                    assertThat(rejected.field()).isEqualTo(field);
                    assertThat(rejected.getMessage()).isNotBlank();
                });
    }

    @Test
    void boundsAreInclusive() {
        AlertRule rule = rule(r -> {
            r.name = "x".repeat(200);
            r.window = "24h";
            r.pendingFor = "24h";
            r.interval = "10s";
            r.evaluationDelay = "1h";
            r.minDataPoints = 10_000;
            r.resolveMissingAfter = 100;
            r.labels = new HashMap<>(manyEntries());
            r.labels.remove("k0");
            r.annotations = Map.of("runbookUrl", "HTTP://runbooks.example.com/a?b=c#d");
        });
        assertThat(rule.condition().window()).isEqualTo(Duration.ofHours(24));
        assertThat(rule.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(rule.labels()).hasSize(20);
    }

    @Test
    void recoveryThresholdsSitOnTheNonBreachingSide() {
        assertThat(rule(r -> r.recoveryThreshold = 0.5).condition().recoveryThreshold()).isEqualTo(0.5);
        assertThat(rule(r -> {
            r.operator = "lte";
            r.threshold = 10.0;
            r.recoveryThreshold = 20.0;
        }).condition().recoveryThreshold()).isEqualTo(20.0);
        assertRejected(() -> rule(r -> {
            r.operator = "gte";
            r.recoveryThreshold = 1.0;
        }), "condition.recoveryThreshold", "below the threshold for gte");
    }

    @Test
    void theWireEnumsAcceptAnyCaseAndSpellTheirOwnStates() {
        AlertRule rule = rule(r -> {
            r.kind = "METRIC";
            r.operator = "GTE";
            r.reduce = "At_Least_Once";
            r.severity = "Critical";
            r.noData = "no_data";
            r.onError = "error";
        });
        assertThat(rule.condition().operator()).isEqualTo(AlertCondition.Operator.GTE);
        assertThat(rule.condition().reduce()).isEqualTo(AlertCondition.Reduce.AT_LEAST_ONCE);
        assertThat(rule.severity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(StateMapping.OWN_STATE.wire(AlertState.NO_DATA)).isEqualTo("no_data");
        assertThat(StateMapping.KEEP_LAST.wire(AlertState.ERROR)).isEqualTo("keep_last");
        assertThat(AlertState.NO_DATA.wire()).isEqualTo("no_data");
        assertThat(AlertState.ofWire("recovering")).isEqualTo(AlertState.RECOVERING);
        assertThat(AlertSeverity.INFO.wire()).isEqualTo("info");
    }

    private static Arguments bad(String field, Consumer<RuleFixture> change) {
        return bad(field, change, false);
    }

    private static Arguments bad(String field, Consumer<RuleFixture> change, boolean noCondition) {
        return Arguments.of(field, change, noCondition);
    }

    private static Map<String, String> manyEntries() {
        Map<String, String> entries = new HashMap<>();
        IntStream.range(0, 21).forEach(i -> entries.put("k" + i, "v"));
        return entries;
    }

    private static Map<String, String> nullValue(String key) {
        Map<String, String> entries = new HashMap<>();
        entries.put(key, null);
        return entries;
    }

    private static void assertRejected(Runnable parse, String field, String detail) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.field()).isEqualTo(field);
            assertThat(rejected.getMessage()).contains(detail);
        });
    }
}
