package io.telemetryflow.notifications;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every 2 seconds on every node, flushes the aggregation groups that are due ({@link NotificationFlusher}; the row
 * locks share the work between nodes). A failed batch is logged and tried again at the next tick.
 */
@Singleton
public class NotificationTimer {

    private static final Logger LOG = Logger.getLogger(NotificationTimer.class.getName());

    @Inject
    NotificationFlusher flusher;

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        try {
            int flushed;
            do {
                flushed = flusher.flushDue(Instant.now());
            } while (flushed == NotificationFlusher.BATCH);   // a full batch: more groups may be due
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "flushing notification groups failed; trying again at the next tick", e);
        }
    }
}
