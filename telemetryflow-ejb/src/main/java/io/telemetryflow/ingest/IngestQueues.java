package io.telemetryflow.ingest;

import io.telemetryflow.apikey.ApiKeyId;
import io.telemetryflow.ingest.otlp.OtlpRequest;
import io.telemetryflow.platform.messaging.PlatformQueue;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Ingestion's port to its queues: otlp-ingestion (one accepted request per tenant), otlp-batches ({@link IngestBatch}
 * messages) and their dead-letter queues. The JNDI names and the {@code tf*} message properties of the ingestion
 * protocol are here and nowhere else. Every send joins the caller's transaction.
 */
@ApplicationScoped
class IngestQueues {

    static final String SIGNAL = "tfSignal";
    /** A request's id on otlp-ingestion, a batch's id (its ClickHouse deduplication token) on otlp-batches. */
    static final String BATCH_ID = "tfBatchId";
    static final String ORGANIZATION_ID = "tfOrganizationId";
    static final String WORKSPACE_ID = "tfWorkspaceId";
    static final String TENANT_ID = "tfTenantId";
    static final String KEY_ID = "tfApiKeyId";
    static final String REQUEST_COUNT = "tfRequests";
    /** How often ClickHouse was unavailable for this batch (set on the re-queued copy). */
    static final String STORE_ATTEMPTS = "tfStoreAttempts";
    /** Tables a split-off batch skips: they were stored before its batch failed. */
    static final String STORED_TABLES = "tfStoredTables";
    static final String DEAD_LETTER_REASON = "tfDeadLetterReason";
    private static final String PROTOCOL_PREFIX = "tf";
    private static final int MAX_REASON_CHARS = 1000;

    @Inject
    JMSContext jms;

    @Resource(lookup = PlatformQueue.Jndi.OTLP_INGESTION)
    Queue requests;

    @Resource(lookup = PlatformQueue.Jndi.OTLP_INGESTION_DLQ)
    Queue requestDeadLetters;

    @Resource(lookup = PlatformQueue.Jndi.OTLP_BATCHES)
    Queue batches;

    @Resource(lookup = PlatformQueue.Jndi.OTLP_BATCHES_DLQ)
    Queue batchDeadLetters;

    /** An accepted request (the part for one tenant) on otlp-ingestion, under a new request id. */
    void sendRequest(OtlpRequest request, TenantPlacement tenant, ApiKeyId keyId) throws JMSException {
        BytesMessage message = jms.createBytesMessage();
        message.writeBytes(request.toProtobuf());
        message.setStringProperty(SIGNAL, request.signal().name());
        message.setStringProperty(BATCH_ID, UUID.randomUUID().toString());
        message.setStringProperty(ORGANIZATION_ID, tenant.organizationId().toString());
        message.setStringProperty(WORKSPACE_ID, tenant.workspaceId().toString());
        message.setStringProperty(TENANT_ID, tenant.tenantId().toString());
        message.setStringProperty(KEY_ID, keyId.value());
        jms.createProducer().send(requests, message);
    }

    /** Receives the requests waiting on otlp-ingestion, inside the caller's transaction. */
    JMSConsumer waitingRequests() {
        return jms.createConsumer(requests);
    }

    /**
     * The request an otlp-ingestion message carries. Anything but a bytes message is carried as an empty payload
     * without a signal: the storing consumer dead-letters it.
     */
    static IngestBatch.Request request(Message message) throws JMSException {
        byte[] payload = message instanceof BytesMessage bytes ? MessageBodies.read(bytes) : new byte[0];
        String signal = message instanceof BytesMessage ? message.getStringProperty(SIGNAL) : "";
        return new IngestBatch.Request(message.getStringProperty(BATCH_ID), signal, message.getStringProperty(ORGANIZATION_ID),
                message.getStringProperty(WORKSPACE_ID), message.getStringProperty(TENANT_ID), message.getJMSTimestamp(), payload);
    }

    /** The requests as one batch on otlp-batches, under a new batch id. */
    void sendBatch(List<IngestBatch.Request> batch) throws JMSException {
        sendBatch(new IngestBatch(batch), UUID.randomUUID().toString(), Set.of());
    }

    /**
     * One request of a batch that cannot be stored whole, as a batch of its own ({@code <batch id>/<index>}) that
     * skips the tables its batch already stored.
     */
    void sendAlone(String batchId, int index, IngestBatch.Request request, Set<String> storedTables) throws JMSException {
        sendBatch(new IngestBatch(List.of(request)), batchId + "/" + index, storedTables);
    }

    private void sendBatch(IngestBatch batch, String batchId, Set<String> storedTables) throws JMSException {
        BytesMessage message = jms.createBytesMessage();
        message.writeBytes(batch.encode());
        message.setStringProperty(BATCH_ID, batchId);
        message.setIntProperty(REQUEST_COUNT, batch.requests().size());
        if (!storedTables.isEmpty()) {
            message.setStringProperty(STORED_TABLES, String.join(",", storedTables));
        }
        jms.createProducer().send(batches, message);
    }

    /**
     * The batch again after {@code delay}, with the original's properties and timestamp (so the same id names the
     * same rows) and its count of failed store attempts.
     */
    void retryLater(BytesMessage original, IngestBatch batch, int attempts, Duration delay) throws JMSException {
        BytesMessage copy = copy(original, batch.encode());
        copy.setIntProperty(STORE_ATTEMPTS, attempts);
        jms.createProducer().setDeliveryDelay(delay.toMillis()).send(batches, copy);
    }

    /** A batch message that cannot be read, as it came, to otlp-batches.DLQ with the reason. */
    void deadLetterBatch(BytesMessage original, byte[] body, String reason) throws JMSException {
        BytesMessage copy = copy(original, body);
        copy.setStringProperty(DEAD_LETTER_REASON, reason);
        jms.createProducer().send(batchDeadLetters, copy);
    }

    /** The request as its own otlp-ingestion message was, with the reason, to otlp-ingestion.DLQ. */
    void deadLetterRequest(IngestBatch.Request request, String reason) throws JMSException {
        BytesMessage copy = jms.createBytesMessage();
        copy.writeBytes(request.payload());
        copy.setStringProperty(SIGNAL, request.signal());
        copy.setStringProperty(BATCH_ID, request.requestId());
        copy.setStringProperty(ORGANIZATION_ID, request.organizationId());
        copy.setStringProperty(WORKSPACE_ID, request.workspaceId());
        copy.setStringProperty(TENANT_ID, request.tenantId());
        copy.setStringProperty(DEAD_LETTER_REASON, reason == null ? "unknown" : reason.substring(0, Math.min(reason.length(), MAX_REASON_CHARS)));
        copy.setJMSTimestamp(request.receivedAtMillis());
        jms.createProducer().send(requestDeadLetters, copy);
    }

    static String batchId(Message message) throws JMSException {
        return message.getStringProperty(BATCH_ID);
    }

    /** Failed store attempts so far (0 for a batch that never met an outage). */
    static int storeAttempts(Message message) throws JMSException {
        return message.propertyExists(STORE_ATTEMPTS) ? message.getIntProperty(STORE_ATTEMPTS) : 0;
    }

    static Set<String> storedTables(Message message) throws JMSException {
        String tables = message.getStringProperty(STORED_TABLES);
        return tables == null || tables.isEmpty() ? Set.of() : Set.of(tables.split(","));
    }

    /** The given body with the original's protocol properties; the original timestamp is kept. */
    private BytesMessage copy(BytesMessage original, byte[] body) throws JMSException {
        BytesMessage copy = jms.createBytesMessage();
        copy.writeBytes(body);
        Enumeration<?> names = original.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (name.startsWith(PROTOCOL_PREFIX)) {
                copy.setObjectProperty(name, original.getObjectProperty(name));
            }
        }
        copy.setJMSTimestamp(original.getJMSTimestamp());
        return copy;
    }
}
