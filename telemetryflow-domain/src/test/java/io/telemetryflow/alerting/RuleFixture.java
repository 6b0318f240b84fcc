package io.telemetryflow.alerting;

import io.telemetryflow.telemetry.metrics.MetricSeriesRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A valid metric rule body whose fields a test changes before parsing it. */
final class RuleFixture {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    String name = "High CPU";
    String kind = "metric";
    AlertRuleSpec.Query query = new AlertRuleSpec.Query(null, "system.cpu.utilization", "avg", null, null, null, null, null,
            List.of(new MetricSeriesRequest.Filter("host.name", "eq", "web-1", null)), List.of("host.name"));
    String operator = "gt";
    Double threshold = 0.9;
    Double recoveryThreshold;
    String reduce = "avg";
    String window = "5m";
    String pendingFor = "2m";
    String keepFiringFor = "0s";
    Integer minDataPoints;
    String interval = "1m";
    String evaluationDelay;
    String noData;
    String onError;
    Integer resolveMissingAfter;
    Map<String, String> labels = new LinkedHashMap<>(Map.of("team", "payments"));
    Map<String, String> annotations = new LinkedHashMap<>(Map.of("summary", "CPU high", "runbookUrl", "https://runbooks.example.com/cpu"));
    String severity = "high";
    Boolean enabled;

    static AlertRuleSpec spec(Consumer<RuleFixture> change) {
        RuleFixture fixture = new RuleFixture();
        change.accept(fixture);
        return fixture.spec();
    }

    static AlertRule rule(Consumer<RuleFixture> change) {
        return spec(change).parse(NOW, RuleLimits.defaults());
    }

    AlertRuleSpec spec() {
        AlertRuleSpec.Condition condition = new AlertRuleSpec.Condition(operator, threshold, recoveryThreshold, reduce, window, pendingFor,
                keepFiringFor, minDataPoints);
        return new AlertRuleSpec(name, kind, query, condition, interval, evaluationDelay, noData, onError, resolveMissingAfter, labels,
                annotations, severity, enabled, null);
    }

    /** An absence rule on a metric (no operator, threshold or reduce). */
    void absence(String signal) {
        kind = "absence";
        query = new AlertRuleSpec.Query(signal, "system.cpu.time", null, null, null, null, null, null, null, null);
        operator = null;
        threshold = null;
        reduce = null;
    }
}
