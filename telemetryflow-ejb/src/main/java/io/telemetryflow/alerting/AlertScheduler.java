package io.telemetryflow.alerting;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every node runs this timer: about every {@code telemetryflow.alerting.scheduler-period} (1 s) it claims the enabled
 * rules whose tick has come and enqueues one evaluation per rule and tick ({@link DueRules}). Each wait is drawn from
 * half to one and a half periods, so that the nodes' runs do not keep one phase: with fixed periods the node whose run
 * falls first after each whole second would claim every tick, and every evaluation would run on it.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AlertScheduler {

    private static final Logger LOG = Logger.getLogger(AlertScheduler.class.getName());

    @Resource
    TimerService timers;

    @Inject
    DueRules due;

    @Inject
    @ConfigProperty(name = "telemetryflow.alerting.scheduler-period", defaultValue = "PT1S")
    Duration period;

    /** Starts the node's scheduling (PlatformStartup, once the schema is migrated). */
    public void start() {
        scheduleNext();
    }

    /** Outside a transaction: the claim has its own, and the next run is scheduled whatever became of this one. */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void run() {
        try {
            due.claimAndSend(Instant.now());
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Alert rules not scheduled this time; the next run claims them", e);
        } finally {
            scheduleNext();
        }
    }

    private void scheduleNext() {
        long millis = period.toMillis();
        timers.createSingleActionTimer(millis / 2 + ThreadLocalRandom.current().nextLong(Math.max(1, millis)),
                new TimerConfig("alert-scheduler", false));
    }
}
