package io.telemetryflow.ingest;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.telemetryflow.ingest.otlp.OtlpSignal;
import io.telemetryflow.platform.messaging.PlatformQueue;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The platform's own ingestion metrics, recorded through the OpenTelemetry metrics API that MicroProfile Telemetry 2.0
 * provides (the {@link Meter} is injected by {@link IngestionMetricsProducer}) and exported by the server's
 * OpenTelemetry SDK wherever {@code otel.*} configuration points it (docs/configuration.md):
 * <ul>
 * <li>{@code telemetryflow.ingest.requests} {signal, tenant, outcome}: OTLP export requests; tenant is the API key's
 *     tenant ({@code ""} before authentication and for organization- or workspace-scoped keys); outcome accepted
 *     (200, also with partial success), invalid (400, 413, 415), unauthorized (401), forbidden (403), throttled
 *     (429), backlog (503);</li>
 * <li>{@code telemetryflow.ingest.items} {signal, tenant, outcome}: spans, log records and metric data points accepted
 *     or rejected (partial success);</li>
 * <li>{@code telemetryflow.ingest.store.duration} {outcome}: seconds to insert one batch into ClickHouse (stored,
 *     unavailable, unstorable);</li>
 * <li>{@code telemetryflow.ingest.queue.messages} and {@code telemetryflow.ingest.queue.bytes} {queue}: the backlog in
 *     otlp-ingestion and otlp-batches, read when exported.</li>
 * </ul>
 * Plain Java, so unit tests can run it on an in-memory SDK.
 */
public class IngestionMetrics {

    static final AttributeKey<String> SIGNAL = AttributeKey.stringKey("signal");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
    static final AttributeKey<String> TENANT = AttributeKey.stringKey("tenant");
    static final AttributeKey<String> QUEUE = AttributeKey.stringKey("queue");
    private static final List<PlatformQueue> QUEUES = List.of(PlatformQueue.OTLP_INGESTION, PlatformQueue.OTLP_BATCHES);

    /** What happened to one export request. */
    public enum RequestOutcome {
        ACCEPTED, INVALID, UNAUTHORIZED, FORBIDDEN, THROTTLED, BACKLOG, BUSY;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What happened to one attempt to store a batch. */
    public enum StoreOutcome {
        STORED, UNAVAILABLE, UNSTORABLE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final LongCounter requests;
    private final LongCounter items;
    private final DoubleHistogram storeDuration;

    /**
     * @param queueMessages and {@code queueBytes} read a queue's backlog (empty when the broker cannot tell)
     */
    public IngestionMetrics(Meter meter, Function<PlatformQueue, OptionalLong> queueMessages, Function<PlatformQueue, OptionalLong> queueBytes) {
        requests = meter.counterBuilder("telemetryflow.ingest.requests").setUnit("{request}")
                .setDescription("OTLP export requests by signal, API key tenant and outcome").build();
        items = meter.counterBuilder("telemetryflow.ingest.items").setUnit("{item}")
                .setDescription("Spans, log records and metric data points accepted or rejected, by signal and tenant").build();
        storeDuration = meter.histogramBuilder("telemetryflow.ingest.store.duration").setUnit("s")
                .setDescription("Time to insert one ingestion batch into ClickHouse").build();
        meter.gaugeBuilder("telemetryflow.ingest.queue.messages").ofLongs().setUnit("{message}")
                .setDescription("Messages waiting in the ingestion queues")
                .buildWithCallback(gauge -> QUEUES.forEach(queue -> queueMessages.apply(queue)
                        .ifPresent(value -> gauge.record(value, Attributes.of(QUEUE, queue.queueName())))));
        meter.gaugeBuilder("telemetryflow.ingest.queue.bytes").ofLongs().setUnit("By")
                .setDescription("Bytes waiting in the ingestion queues, including what is paged to disk")
                .buildWithCallback(gauge -> QUEUES.forEach(queue -> queueBytes.apply(queue)
                        .ifPresent(value -> gauge.record(value, Attributes.of(QUEUE, queue.queueName())))));
    }

    public void request(OtlpSignal signal, String tenantId, RequestOutcome outcome) {
        requests.add(1, Attributes.of(SIGNAL, signalLabel(signal), TENANT, tenantId, OUTCOME, outcome.label()));
    }

    public void items(OtlpSignal signal, String tenantId, long accepted, long rejected) {
        if (accepted > 0) {
            items.add(accepted, Attributes.of(SIGNAL, signalLabel(signal), TENANT, tenantId, OUTCOME, "accepted"));
        }
        if (rejected > 0) {
            items.add(rejected, Attributes.of(SIGNAL, signalLabel(signal), TENANT, tenantId, OUTCOME, "rejected"));
        }
    }

    public void stored(Duration took, StoreOutcome outcome) {
        storeDuration.record(took.toNanos() / 1e9, Attributes.of(OUTCOME, outcome.label()));
    }

    private static String signalLabel(OtlpSignal signal) {
        return signal.name().toLowerCase(Locale.ROOT);
    }
}
