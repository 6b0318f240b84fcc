package io.telemetryflow.alerting;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every node runs this timer (every {@code telemetryflow.alerting.scheduler-period}, 1 s): it claims the enabled rules
 * whose tick has come and enqueues one evaluation per rule and tick. The claim is one PostgreSQL statement that moves
 * each claimed rule's next tick forward under {@code FOR UPDATE SKIP LOCKED}, in the same transaction as the sends: a
 * tick is claimed by exactly one node of the cluster (the work queues are node-local brokers, so the broker's duplicate
 * detection alone could not see another node's send), and its message is enqueued exactly when the claim commits. A
 * rule that fell behind catches up one tick per run, up to {@link #CATCH_UP_TICKS} ticks; beyond that the missed ticks
 * are given up and the rule is evaluated once, for the latest.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AlertScheduler {

    /** Rules claimed per statement; more due rules wait for the next run, a second later. */
    static final int MAX_CLAIM = 2000;
    /**
     * How far behind a rule may fall and still have each tick evaluated: a run that comes late (a busy node, a
     * pause) claims the oldest unclaimed tick, and the next runs catch up one tick each. Further behind (no node ran
     * for a while), the missed ticks are given up and the rule is evaluated once, for the latest.
     */
    static final int CATCH_UP_TICKS = 5;
    private static final Logger LOG = Logger.getLogger(AlertScheduler.class.getName());

    static final String CLAIM = """
            WITH due AS (
                SELECT id FROM alert_rules
                WHERE enabled AND deleted_at IS NULL AND next_evaluation_at <= ?
                ORDER BY next_evaluation_at
                LIMIT ?
                FOR UPDATE SKIP LOCKED)
            UPDATE alert_rules r
            SET next_evaluation_at = r.next_evaluation_at + make_interval(secs => r.interval_seconds
                    * CASE WHEN ? - r.next_evaluation_at < make_interval(secs => r.interval_seconds * %d) THEN 1
                           ELSE floor(extract(epoch FROM (? - r.next_evaluation_at)) / r.interval_seconds) + 1 END)
            FROM due
            WHERE r.id = due.id
            RETURNING r.id, r.next_evaluation_at - make_interval(secs => r.interval_seconds) AS tick""".formatted(CATCH_UP_TICKS);

    @Resource(lookup = "java:jboss/datasources/TelemetryFlowDS")
    DataSource postgres;

    @Resource
    TimerService timers;

    @Inject
    AlertQueue queue;

    @Inject
    @ConfigProperty(name = "telemetryflow.alerting.scheduler-period", defaultValue = "PT1S")
    Duration period;

    private final AtomicBoolean running = new AtomicBoolean();

    /** Starts the node's timer (PlatformStartup, once the schema is migrated). */
    public void start() {
        timers.createIntervalTimer(period.toMillis(), period.toMillis(), new TimerConfig("alert-scheduler", false));
    }

    @Timeout
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;   // the previous run is still claiming: skipping a run delays no tick, the next run claims it
        }
        try {
            List<AlertQueue.Due> due = claim(Instant.now());
            if (!due.isEmpty()) {
                queue.send(due);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Alert rules not scheduled this time; the next run claims them", e);
            throw new IllegalStateException(e);   // rolls the claim back with the sends
        } finally {
            running.set(false);
        }
    }

    List<AlertQueue.Due> claim(Instant now) throws SQLException {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        List<AlertQueue.Due> due = new ArrayList<>();
        try (Connection connection = postgres.getConnection(); PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setObject(1, at);
            claim.setInt(2, MAX_CLAIM);
            claim.setObject(3, at);
            claim.setObject(4, at);
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    due.add(new AlertQueue.Due(rows.getObject(1, UUID.class), rows.getObject(2, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return due;
    }
}
