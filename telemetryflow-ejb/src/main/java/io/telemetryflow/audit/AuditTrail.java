package io.telemetryflow.audit;

import io.telemetryflow.platform.transaction.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where every feature records audit events. {@link #record} puts the event on the durable audit-events queue in a
 * transaction of its own and returns: the row reaches ClickHouse later ({@link AuditEventConsumer}), and survives a
 * ClickHouse outage in the broker.
 * <p>
 * Transaction semantics: the event is committed to the queue when {@code record} returns, whatever the caller's
 * transaction does afterwards. So the audit of a failed operation (a refused login whose transaction rolls back)
 * is kept. A change's SUCCESS goes through {@link #recordOnCommit}, which sends it only once the caller's
 * transaction has committed, so a change rolled back at commit is never reported as done. Neither method throws:
 * an audit problem is logged, never turned into a failure of the caller's business operation.
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());

    @Inject
    AuditQueue queue;

    @Inject
    AfterCommit afterCommit;

    public void record(AuditEvent event) {
        if (event == null) {
            LOG.warning("AuditTrail.record called without an event");
            return;
        }
        try {
            queue.send(event.id().toString(), AuditRow.json(event));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Audit event " + event.id() + " (" + event.type() + " " + event.action() + " " + event.result()
                    + ", user " + event.userId() + ") could not be queued and is lost", e);
        }
    }

    /** Records the event when the current transaction commits (now, if there is none); nothing if it rolls back. */
    public void recordOnCommit(AuditEvent event) {
        afterCommit.run(() -> record(event));
    }
}
