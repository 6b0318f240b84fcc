package io.telemetryflow.audit;

import io.telemetryflow.platform.messaging.PlatformQueue;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;

/**
 * Sends audit rows to the audit-events queue in a new transaction (REQUIRES_NEW suspends the caller's), so the send
 * commits on return and a rollback of the caller's work cannot take the audit event with it. Separate from
 * {@link AuditTrail} because a commit failure surfaces from the transaction interceptor, outside the method, where
 * only the caller can catch it.
 */
@ApplicationScoped
class AuditQueue {

    /** Message property with the event id (the ClickHouse deduplication token). */
    static final String AUDIT_ID = "tfAuditId";

    @Inject
    JMSContext jms;

    @Resource(lookup = PlatformQueue.Jndi.AUDIT_EVENTS)
    Queue queue;

    @Transactional(TxType.REQUIRES_NEW)
    void send(String eventId, String row) {
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).setProperty(AUDIT_ID, eventId).send(queue, row);
    }
}
