package io.telemetryflow.audit;

import io.telemetryflow.platform.messaging.PlatformQueue;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;

/**
 * The audit trail's port to audit-events and its dead-letter queue: their JNDI names and the {@code tf*} message
 * properties. {@link #send} puts a new row on the queue in a new transaction (REQUIRES_NEW suspends the caller's), so
 * the send commits on return and a rollback of the caller's work cannot take the audit event with it; it is apart from
 * {@link AuditTrail} because a commit failure surfaces from the transaction interceptor, outside the method, where only
 * the caller can catch it. The consumer's re-queue and dead-letter sends join the consuming transaction.
 */
@ApplicationScoped
class AuditQueue {

    /** Message property with the event id (the ClickHouse deduplication token). */
    static final String AUDIT_ID = "tfAuditId";
    /** How often ClickHouse was unavailable for this event (set on the re-queued copy). */
    static final String STORE_ATTEMPTS = "tfStoreAttempts";
    static final String DEAD_LETTER_REASON = "tfDeadLetterReason";
    private static final int MAX_REASON_CHARS = 1000;

    @Inject
    JMSContext jms;

    @Resource(lookup = PlatformQueue.Jndi.AUDIT_EVENTS)
    Queue queue;

    @Resource(lookup = PlatformQueue.Jndi.AUDIT_EVENTS_DLQ)
    Queue deadLetterQueue;

    @Transactional(TxType.REQUIRES_NEW)
    void send(String eventId, String row) {
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).setProperty(AUDIT_ID, eventId).send(queue, row);
    }

    /** The event again after {@code delay}, with its count of failed store attempts. */
    void retryLater(String eventId, String row, int attempts, Duration delay) {
        jms.createProducer().setDeliveryDelay(delay.toMillis()).setProperty(AUDIT_ID, eventId).setProperty(STORE_ATTEMPTS, attempts)
                .send(queue, row);
    }

    /** An event ClickHouse will never take, to audit-events.DLQ with the reason. */
    void deadLetter(String eventId, String row, String reason) {
        String why = reason == null ? "unknown" : reason;
        jms.createProducer().setProperty(AUDIT_ID, eventId)
                .setProperty(DEAD_LETTER_REASON, why.substring(0, Math.min(why.length(), MAX_REASON_CHARS))).send(deadLetterQueue, row);
    }

    static String eventId(Message message) throws JMSException {
        return message.getStringProperty(AUDIT_ID);
    }

    /** Failed store attempts so far (0 for an event that never met an outage). */
    static int storeAttempts(Message message) throws JMSException {
        return message.propertyExists(STORE_ATTEMPTS) ? message.getIntProperty(STORE_ATTEMPTS) : 0;
    }
}
