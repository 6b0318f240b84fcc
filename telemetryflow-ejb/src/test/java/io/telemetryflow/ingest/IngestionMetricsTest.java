package io.telemetryflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.telemetryflow.ingest.IngestionMetrics.RequestOutcome;
import io.telemetryflow.ingest.IngestionMetrics.StoreOutcome;
import io.telemetryflow.ingest.otlp.OtlpSignal;
import io.telemetryflow.platform.messaging.PlatformQueue;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IngestionMetricsTest {

    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private final IngestionMetrics metrics = new IngestionMetrics(
            SdkMeterProvider.builder().registerMetricReader(reader).build().get("telemetryflow"),
            queue -> queue == PlatformQueue.OTLP_BATCHES ? OptionalLong.of(7) : OptionalLong.empty(),
            queue -> OptionalLong.of(queue == PlatformQueue.OTLP_BATCHES ? 4096 : 0));

    @Test
    void requestsAndItemsAreCountedPerSignalOutcomeAndTenant() {
        metrics.request(OtlpSignal.TRACES, "t-1", RequestOutcome.ACCEPTED);
        metrics.request(OtlpSignal.TRACES, "t-1", RequestOutcome.ACCEPTED);
        metrics.request(OtlpSignal.LOGS, "t-2", RequestOutcome.THROTTLED);
        metrics.items(OtlpSignal.TRACES, "t-1", 200, 3);
        metrics.items(OtlpSignal.TRACES, "t-1", 50, 0);
        metrics.items(OtlpSignal.METRICS, "t-2", 0, 0);

        Collection<MetricData> exported = reader.collectAllMetrics();

        assertThat(sums(exported, "telemetryflow.ingest.requests")).containsOnly(
                Map.entry(Attributes.of(IngestionMetrics.SIGNAL, "traces", IngestionMetrics.TENANT, "t-1", IngestionMetrics.OUTCOME, "accepted"), 2L),
                Map.entry(Attributes.of(IngestionMetrics.SIGNAL, "logs", IngestionMetrics.TENANT, "t-2", IngestionMetrics.OUTCOME, "throttled"), 1L));
        assertThat(sums(exported, "telemetryflow.ingest.items")).containsOnly(
                Map.entry(Attributes.of(IngestionMetrics.SIGNAL, "traces", IngestionMetrics.TENANT, "t-1", IngestionMetrics.OUTCOME, "accepted"), 250L),
                Map.entry(Attributes.of(IngestionMetrics.SIGNAL, "traces", IngestionMetrics.TENANT, "t-1", IngestionMetrics.OUTCOME, "rejected"), 3L));
    }

    @Test
    void storeDurationsAndQueueBacklogAreRecorded() {
        metrics.stored(Duration.ofMillis(250), StoreOutcome.STORED);
        metrics.stored(Duration.ofMillis(750), StoreOutcome.STORED);
        metrics.stored(Duration.ofSeconds(5), StoreOutcome.UNAVAILABLE);

        Collection<MetricData> exported = reader.collectAllMetrics();

        var histogram = metric(exported, "telemetryflow.ingest.store.duration").getHistogramData().getPoints().stream()
                .collect(Collectors.toMap(point -> point.getAttributes().get(IngestionMetrics.OUTCOME), point -> point));
        assertThat(histogram.get("stored").getCount()).isEqualTo(2);
        assertThat(histogram.get("stored").getSum()).isEqualTo(1.0);
        assertThat(histogram.get("unavailable").getCount()).isEqualTo(1);
        assertThat(gauge(exported, "telemetryflow.ingest.queue.messages")).as("a queue the broker cannot read is left out")
                .containsOnly(Map.entry("otlp-batches", 7L));
        assertThat(gauge(exported, "telemetryflow.ingest.queue.bytes")).containsOnly(Map.entry("otlp-ingestion", 0L), Map.entry("otlp-batches", 4096L));
    }

    private static MetricData metric(Collection<MetricData> exported, String name) {
        return exported.stream().filter(metric -> metric.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Map<Attributes, Long> sums(Collection<MetricData> exported, String name) {
        return metric(exported, name).getLongSumData().getPoints().stream()
                .collect(Collectors.toMap(LongPointData::getAttributes, LongPointData::getValue));
    }

    private static Map<String, Long> gauge(Collection<MetricData> exported, String name) {
        return metric(exported, name).getLongGaugeData().getPoints().stream()
                .collect(Collectors.toMap(point -> point.getAttributes().get(IngestionMetrics.QUEUE), LongPointData::getValue));
    }
}
