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
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores one {@link IngestBatch} from otlp-batches, inside the consuming MDB's transaction: the batch's requests
 * become one insert per table, deduplicated by the batch id. Outcomes:
 * <ul>
 * <li>stored: the message is consumed;</li>
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

    static final String STORE_ATTEMPTS = "tfStoreAttempts";
    static final String STORED_TABLES = "tfStoredTables";
    static final String DEAD_LETTER_REASON = "tfDeadLetterReason";
    private static final Logger LOG = Logger.getLogger(IngestedBatchConsumer.class.getName());
    private static final RetrySchedule OUTAGE_RETRIES = new RetrySchedule(PlatformQueue.OTLP_BATCHES.initialDelay(), Duration.ofSeconds(60));

    @Inject
    ClickHouseTelemetryWriter writer;

    @Inject
    JMSContext jms;

    @Inject
    ClickHouseSchemaStatus schema;

    @Inject
    IngestionMetrics metrics;

    @Inject
    Event<TelemetryStored> stored;

    @Resource(lookup = "java:/jms/queue/otlp-batches")
    Queue batchesQueue;

    @Resource(lookup = "java:/jms/queue/otlp-batches.DLQ")
    Queue batchDeadLetterQueue;

    @Resource(lookup = "java:/jms/queue/otlp-ingestion.DLQ")
    Queue requestDeadLetterQueue;

    private final AtomicBoolean outageReported = new AtomicBoolean();

    public void consume(BytesMessage message) throws JMSException {
        byte[] body = MessageBodies.read(message);
        String batchId = message.getStringProperty(OtlpIngestion.BATCH_ID);
        IngestBatch batch;
        try {
            batch = IngestBatch.decode(body);
        } catch (IOException e) {
            BytesMessage copy = copy(message, body);
            copy.setStringProperty(DEAD_LETTER_REASON, "unreadable batch: " + e.getMessage());
            jms.createProducer().send(batchDeadLetterQueue, copy);
            return;
        }
        List<IngestBatch.Request> readable = new ArrayList<>();
        List<TenantRequest> requests = new ArrayList<>();
        for (IngestBatch.Request request : batch.requests()) {
            try {
                requests.add(read(request));
                readable.add(request);
            } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
                deadLetter(request, "unreadable batch: " + e.getMessage());
            }
        }
        if (requests.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        try {
            ClickHouseUnavailableException.unlessSchemaCurrent(schema);
            writer.write(batchId, requests, storedTables(message));
            metrics.stored(Duration.ofNanos(System.nanoTime() - started), StoreOutcome.STORED);
            stored.fire(new TelemetryStored(requests, Instant.now()));
            if (outageReported.compareAndSet(true, false)) {
                LOG.info("ClickHouse accepts telemetry again; draining the ingestion backlog");
            }
        } catch (ClickHouseUnavailableException e) {
            metrics.stored(Duration.ofNanos(System.nanoTime() - started), StoreOutcome.UNAVAILABLE);
            int attempts = message.propertyExists(STORE_ATTEMPTS) ? message.getIntProperty(STORE_ATTEMPTS) + 1 : 1;
            Duration delay = OUTAGE_RETRIES.delayAfter(attempts);
            if (outageReported.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "ClickHouse unavailable, keeping telemetry batches queued and retrying: " + e.getMessage());
            }
            // only the readable requests: the same rows as this attempt, so the same id still names the same content
            BytesMessage copy = copy(message, new IngestBatch(readable).encode());
            copy.setIntProperty(STORE_ATTEMPTS, attempts);
            jms.createProducer().setDeliveryDelay(delay.toMillis()).send(batchesQueue, copy);
        } catch (ClickHouseWriteException e) {
            metrics.stored(Duration.ofNanos(System.nanoTime() - started), StoreOutcome.UNSTORABLE);
            if (readable.size() == 1) {
                LOG.log(Level.SEVERE, "Telemetry request " + readable.get(0).requestId() + " cannot be stored; moved to the dead-letter queue", e);
                deadLetter(readable.get(0), e.getMessage());
                return;
            }
            LOG.log(Level.WARNING, "Telemetry batch " + batchId + " cannot be stored; retrying its " + readable.size()
                    + " requests one by one: " + e.getMessage());
            for (int i = 0; i < readable.size(); i++) {
                BytesMessage single = jms.createBytesMessage();
                single.writeBytes(new IngestBatch(List.of(readable.get(i))).encode());
                single.setStringProperty(OtlpIngestion.BATCH_ID, batchId + "/" + i);
                single.setIntProperty(OtlpRequestBatcher.REQUEST_COUNT, 1);
                single.setStringProperty(STORED_TABLES, String.join(",", e.storedTables()));
                jms.createProducer().send(batchesQueue, single);
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

    private static Set<String> storedTables(BytesMessage message) throws JMSException {
        String tables = message.getStringProperty(STORED_TABLES);
        return tables == null || tables.isEmpty() ? Set.of() : Set.of(tables.split(","));
    }

    /** The request as its own otlp-ingestion message was, with the reason, in otlp-ingestion.DLQ. */
    private void deadLetter(IngestBatch.Request request, String reason) throws JMSException {
        BytesMessage copy = jms.createBytesMessage();
        copy.writeBytes(request.payload());
        copy.setStringProperty(OtlpIngestion.SIGNAL, request.signal());
        copy.setStringProperty(OtlpIngestion.BATCH_ID, request.requestId());
        copy.setStringProperty(OtlpIngestion.ORGANIZATION_ID, request.organizationId());
        copy.setStringProperty(OtlpIngestion.WORKSPACE_ID, request.workspaceId());
        copy.setStringProperty(OtlpIngestion.TENANT_ID, request.tenantId());
        copy.setStringProperty(DEAD_LETTER_REASON, reason == null ? "unknown" : reason.substring(0, Math.min(reason.length(), 1000)));
        copy.setJMSTimestamp(request.receivedAtMillis());
        jms.createProducer().send(requestDeadLetterQueue, copy);
    }

    /** The given body with the original's tfXxx properties; the original timestamp is kept. */
    private BytesMessage copy(BytesMessage original, byte[] body) throws JMSException {
        BytesMessage copy = jms.createBytesMessage();
        copy.writeBytes(body);
        Enumeration<?> names = original.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (name.startsWith("tf")) {
                copy.setObjectProperty(name, original.getObjectProperty(name));
            }
        }
        copy.setJMSTimestamp(original.getJMSTimestamp());
        return copy;
    }

    private static Message parse(OtlpSignal signal, byte[] payload) throws InvalidProtocolBufferException {
        return switch (signal) {
            case TRACES -> ExportTraceServiceRequest.parseFrom(payload);
            case METRICS -> ExportMetricsServiceRequest.parseFrom(payload);
            case LOGS -> ExportLogsServiceRequest.parseFrom(payload);
        };
    }
}
