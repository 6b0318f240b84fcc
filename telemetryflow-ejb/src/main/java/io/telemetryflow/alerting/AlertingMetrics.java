package io.telemetryflow.alerting;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Alert evaluation's own metrics, on the MicroProfile Telemetry meter like the ingestion metrics (exported wherever
 * {@code otel.*} points): {@code telemetryflow.alerting.evaluations} {outcome ok|failed} (failed: the rule's query
 * failed and its onError mapping applied), {@code telemetryflow.alerting.evaluation.lag} (seconds from the scheduled
 * tick to the stored state) and {@code telemetryflow.alerting.evaluation.query.duration} (seconds in ClickHouse per
 * evaluation), and {@code telemetryflow.alerting.history.failures} (evaluations whose transitions did not reach
 * ClickHouse). The last lag and query time of each rule are also on its row (the rule's {@code evaluation} in the API).
 */
@ApplicationScoped
public class AlertingMetrics {

    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");

    @Inject
    Meter meter;

    private LongCounter evaluations;
    private DoubleHistogram lag;
    private DoubleHistogram queryDuration;
    private LongCounter historyFailures;

    @jakarta.annotation.PostConstruct
    void build() {
        evaluations = meter.counterBuilder("telemetryflow.alerting.evaluations").setUnit("{evaluation}")
                .setDescription("Alert rule evaluations by outcome").build();
        lag = meter.histogramBuilder("telemetryflow.alerting.evaluation.lag").setUnit("s")
                .setDescription("Time from an alert rule's scheduled tick to its stored state").build();
        queryDuration = meter.histogramBuilder("telemetryflow.alerting.evaluation.query.duration").setUnit("s")
                .setDescription("Time in ClickHouse per alert rule evaluation").build();
        historyFailures = meter.counterBuilder("telemetryflow.alerting.history.failures").setUnit("{evaluation}")
                .setDescription("Evaluations whose transitions could not be written to alert_history").build();
    }

    void evaluated(boolean failed, Duration evaluationLag, Duration query) {
        evaluations.add(1, Attributes.of(OUTCOME, failed ? "failed" : "ok"));
        lag.record(evaluationLag.toMillis() / 1000.0);
        queryDuration.record(query.toNanos() / 1e9);
    }

    void historyFailed() {
        historyFailures.add(1);
    }
}
