package io.telemetryflow.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.telemetryflow.ingest.otlp.OtlpEncoding;
import io.telemetryflow.ingest.otlp.OtlpRequest;
import io.telemetryflow.ingest.otlp.OtlpSignal;
import io.telemetryflow.ingest.store.ClickHouseTelemetryWriter;
import io.telemetryflow.ingest.store.TelemetryWriteException;
import io.telemetryflow.ingest.store.TelemetryWriteException.ClickHouseUnavailableException;
import io.telemetryflow.ingest.store.TenantContext;
import io.telemetryflow.platform.messaging.PlatformQueue;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import java.time.Duration;
import java.time.Instant;
import java.util.Enumeration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores one queued batch, inside the consuming MDB's transaction. Three outcomes:
 * stored (the message is consumed); ClickHouse unavailable (a copy is re-queued with a growing
 * delivery delay and the original consumed, so an outage never uses up delivery attempts and the
 * backlog drains when ClickHouse returns); unstorable (a copy goes to the dead-letter queue with
 * the reason). Any other failure rolls back and falls to the broker's redelivery policy.
 */
@ApplicationScoped
public class IngestedBatchConsumer {

    static final String STORE_ATTEMPTS = "tfStoreAttempts";
    static final String DEAD_LETTER_REASON = "tfDeadLetterReason";
    private static final Logger LOG = Logger.getLogger(IngestedBatchConsumer.class.getName());
    private static final RetrySchedule OUTAGE_RETRIES = new RetrySchedule(PlatformQueue.OTLP_INGESTION.initialDelay(), Duration.ofSeconds(60));

    @Inject
    ClickHouseTelemetryWriter writer;

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/queue/otlp-ingestion")
    Queue ingestionQueue;

    @Resource(lookup = "java:/jms/queue/otlp-ingestion.DLQ")
    Queue deadLetterQueue;

    private final AtomicBoolean outageReported = new AtomicBoolean();

    public void consume(BytesMessage message) throws JMSException {
        byte[] payload = message.getBody(byte[].class);
        String batchId = message.getStringProperty(OtlpIngestion.BATCH_ID);
        OtlpRequest request;
        TenantContext tenant;
        try {
            OtlpSignal signal = OtlpSignal.valueOf(message.getStringProperty(OtlpIngestion.SIGNAL));
            request = new OtlpRequest(signal, OtlpEncoding.PROTOBUF, parse(signal, payload));
            tenant = new TenantContext(uuid(message, OtlpIngestion.ORGANIZATION_ID), uuid(message, OtlpIngestion.WORKSPACE_ID),
                    uuid(message, OtlpIngestion.TENANT_ID));
        } catch (InvalidProtocolBufferException | IllegalArgumentException | NullPointerException e) {
            deadLetter(message, payload, "unreadable batch: " + e.getMessage());
            return;
        }
        try {
            writer.write(batchId, tenant, request, Instant.ofEpochMilli(message.getJMSTimestamp()));
            if (outageReported.compareAndSet(true, false)) {
                LOG.info("ClickHouse accepts telemetry again; draining the ingestion backlog");
            }
        } catch (ClickHouseUnavailableException e) {
            int attempts = message.propertyExists(STORE_ATTEMPTS) ? message.getIntProperty(STORE_ATTEMPTS) + 1 : 1;
            Duration delay = OUTAGE_RETRIES.delayAfter(attempts);
            if (outageReported.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "ClickHouse unavailable, keeping telemetry batches queued and retrying: " + e.getMessage());
            }
            requeue(message, payload, attempts, delay);
        } catch (TelemetryWriteException e) {
            LOG.log(Level.SEVERE, "Telemetry batch " + batchId + " cannot be stored; moved to the dead-letter queue", e);
            deadLetter(message, payload, e.getMessage());
        }
    }

    private void requeue(BytesMessage original, byte[] payload, int attempts, Duration delay) throws JMSException {
        BytesMessage copy = copy(original, payload);
        copy.setIntProperty(STORE_ATTEMPTS, attempts);
        jms.createProducer().setDeliveryDelay(delay.toMillis()).send(ingestionQueue, copy);
    }

    private void deadLetter(BytesMessage original, byte[] payload, String reason) throws JMSException {
        BytesMessage copy = copy(original, payload);
        copy.setStringProperty(DEAD_LETTER_REASON, reason == null ? "unknown" : reason.substring(0, Math.min(reason.length(), 1000)));
        jms.createProducer().send(deadLetterQueue, copy);
    }

    /** Same payload and tfXxx properties; the original timestamp is kept as the batch's receive time. */
    private BytesMessage copy(BytesMessage original, byte[] payload) throws JMSException {
        BytesMessage copy = jms.createBytesMessage();
        copy.writeBytes(payload);
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

    private static UUID uuid(BytesMessage message, String property) throws JMSException {
        return UUID.fromString(message.getStringProperty(property));
    }
}
