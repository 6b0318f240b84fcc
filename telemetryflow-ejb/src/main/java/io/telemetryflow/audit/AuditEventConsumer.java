package io.telemetryflow.audit;

import io.telemetryflow.platform.clickhouse.RetrySchedule;
import io.telemetryflow.platform.clickhouse.ClickHouseWriteException;
import io.telemetryflow.platform.clickhouse.ClickHouseWriteException.ClickHouseUnavailableException;
import io.telemetryflow.platform.messaging.PlatformQueue;
import io.telemetryflow.platform.migration.ClickHouseSchemaStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores one audit-events message in ClickHouse, inside the consuming MDB's transaction. Per message, not batched:
 * audit volumes are small, and one event per insert lets the event id be the deduplication token. Outcomes:
 * <ul>
 * <li>stored (or already stored by an earlier delivery): consumed;</li>
 * <li>ClickHouse unavailable: the event is re-queued with a growing delivery delay and the original consumed, so an
 *     outage of any length never uses up delivery attempts (as {@code IngestedBatchConsumer} does);</li>
 * <li>unstorable (ClickHouse rejects the row): moved to audit-events.DLQ with the reason.</li>
 * </ul>
 * Anything else (an unreadable message) rolls back and falls to the broker's redelivery policy.
 */
@ApplicationScoped
public class AuditEventConsumer {

    private static final Logger LOG = Logger.getLogger(AuditEventConsumer.class.getName());
    private static final RetrySchedule OUTAGE_RETRIES = new RetrySchedule(PlatformQueue.AUDIT_EVENTS.initialDelay(), Duration.ofSeconds(60));

    @Inject
    AuditLogStore store;

    @Inject
    AuditQueue queue;

    @Inject
    ClickHouseSchemaStatus schema;

    private final AtomicBoolean outageReported = new AtomicBoolean();

    public void consume(TextMessage message) throws JMSException {
        String row = message.getText();
        String eventId = AuditQueue.eventId(message);
        try {
            ClickHouseUnavailableException.unlessSchemaCurrent(schema);
            store.write(eventId, row);
            if (outageReported.compareAndSet(true, false)) {
                LOG.info("ClickHouse accepts audit events again; draining the audit backlog");
            }
        } catch (ClickHouseUnavailableException e) {
            int attempts = AuditQueue.storeAttempts(message) + 1;
            if (outageReported.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "ClickHouse unavailable, keeping audit events queued and retrying: " + e.getMessage());
            }
            queue.retryLater(eventId, row, attempts, OUTAGE_RETRIES.delayAfter(attempts));
        } catch (ClickHouseWriteException e) {
            // the only other kind: UnstorableBatchException
            LOG.log(Level.SEVERE, "Audit event " + eventId + " cannot be stored; moved to the dead-letter queue", e);
            queue.deadLetter(eventId, row, e.getMessage());
        }
    }
}
