package io.telemetryflow.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.telemetryflow.ingest.IngestionMetrics.StoreOutcome;
import io.telemetryflow.ingest.otlp.OtlpEncoding;
import io.telemetryflow.ingest.otlp.OtlpRequest;
import io.telemetryflow.ingest.otlp.OtlpSignal;
import io.telemetryflow.ingest.otlp.TenantRequest;
import io.telemetryflow.ingest.store.ClickHouseTelemetryWriter;
import io.telemetryflow.platform.clickhouse.ClickHouseWriteException.ClickHouseUnavailableException;
import io.telemetryflow.platform.clickhouse.ClickHouseWriteException;
import io.telemetryflow.platform.clickhouse.RetrySchedule;
import io.telemetryflow.platform.messaging.PlatformQueue;
import io.telemetryflow.platform.migration.ClickHouseSchemaStatus;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores one {@link IngestBatch} from otlp-batches, inside the consuming MDB's transaction: the batch's requests
 * become one insert per table, deduplicated by the batch id. Outcomes:
 * <ul>
 * <li>stored: {@link TelemetryStored} is fired (cache freshness and the live tail observe it) and the message is
 *     consumed;</li>
 * <li>a request that cannot be read (bad payload, signal or tenancy) goes alone to otlp-ingestion.DLQ, as the
 *     request message it was, with the reason; the rest of the batch is stored;</li>
 * <li>ClickHouse unavailable: a copy of the batch (same id) is re-queued with a growing delivery delay and the
 *     original consumed, so an outage never uses up delivery attempts and the backlog drains when ClickHouse
 *     returns;</li>
 * <li>unstorable: a batch of several requests is split into one batch per request (ids {@code <batch>/<n>}, the
 *     tables already stored skipped), so only the request at fault ends in the dead-letter queue.</li>
 * </ul>
 * Any other failure rolls back and falls to the broker's redelivery policy.
 */
@ApplicationScoped
public class IngestedBatchConsumer {

    private static final Logger LOG = Logger.getLogger(IngestedBatchConsumer.class.getName());
    private static final RetrySchedule OUTAGE_RETRIES = new RetrySchedule(PlatformQueue.OTLP_BATCHES.initialDelay(), Duration.ofSeconds(60));

    @Inject
    ClickHouseTelemetryWriter writer;

    @Inject
    IngestQueues queues;

    @Inject
    ClickHouseSchemaStatus schema;

    @Inject
    IngestionMetrics metrics;

    @Inject
    Event<TelemetryStored> stored;

    private final AtomicBoolean outageReported = new AtomicBoolean();

    public void consume(BytesMessage message) throws JMSException {
        byte[] body = MessageBodies.read(message);
        String batchId = IngestQueues.batchId(message);
        IngestBatch batch;
        try {
            batch = IngestBatch.decode(body);
        } catch (IOException e) {
            queues.deadLetterBatch(message, body, "unreadable batch: " + e.getMessage());
            return;
        }
        List<IngestBatch.Request> readable = new ArrayList<>();
        List<TenantRequest> requests = new ArrayList<>();
        for (IngestBatch.Request request : batch.requests()) {
            try {
                requests.add(read(request));
                readable.add(request);
            } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
                queues.deadLetterRequest(request, "unreadable batch: " + e.getMessage());
            }
        }
        if (requests.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        try {
            ClickHouseUnavailableException.unlessSchemaCurrent(schema);
            writer.write(batchId, requests, IngestQueues.storedTables(message));
            metrics.stored(Duration.ofNanos(System.nanoTime() - started), StoreOutcome.STORED);
            stored.fire(new TelemetryStored(requests, Instant.now()));
            if (outageReported.compareAndSet(true, false)) {
                LOG.info("ClickHouse accepts telemetry again; draining the ingestion backlog");
            }
        } catch (ClickHouseUnavailableException e) {
            metrics.stored(Duration.ofNanos(System.nanoTime() - started), StoreOutcome.UNAVAILABLE);
            int attempts = IngestQueues.storeAttempts(message) + 1;
            Duration delay = OUTAGE_RETRIES.delayAfter(attempts);
            if (outageReported.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "ClickHouse unavailable, keeping telemetry batches queued and retrying: " + e.getMessage());
            }
            // only the readable requests: the same rows as this attempt, so the same id still names the same content
            queues.retryLater(message, new IngestBatch(readable), attempts, delay);
        } catch (ClickHouseWriteException e) {
            metrics.stored(Duration.ofNanos(System.nanoTime() - started), StoreOutcome.UNSTORABLE);
            if (readable.size() == 1) {
                LOG.log(Level.SEVERE, "Telemetry request " + readable.get(0).requestId() + " cannot be stored; moved to the dead-letter queue", e);
                queues.deadLetterRequest(readable.get(0), e.getMessage());
                return;
            }
            LOG.log(Level.WARNING, "Telemetry batch " + batchId + " cannot be stored; retrying its " + readable.size()
                    + " requests one by one: " + e.getMessage());
            for (int i = 0; i < readable.size(); i++) {
                queues.sendAlone(batchId, i, readable.get(i), e.storedTables());
            }
        }
    }

    private static TenantRequest read(IngestBatch.Request request) throws InvalidProtocolBufferException {
        OtlpSignal signal = OtlpSignal.valueOf(request.signal());
        TenantPlacement tenant = new TenantPlacement(UUID.fromString(request.organizationId()), UUID.fromString(request.workspaceId()),
                UUID.fromString(request.tenantId()));
        OtlpRequest otlp = new OtlpRequest(signal, OtlpEncoding.PROTOBUF, parse(signal, request.payload()));
        return new TenantRequest(tenant, otlp, Instant.ofEpochMilli(request.receivedAtMillis()));
    }

    private static Message parse(OtlpSignal signal, byte[] payload) throws InvalidProtocolBufferException {
        return switch (signal) {
            case TRACES -> ExportTraceServiceRequest.parseFrom(payload);
            case METRICS -> ExportMetricsServiceRequest.parseFrom(payload);
            case LOGS -> ExportLogsServiceRequest.parseFrom(payload);
        };
    }
}
