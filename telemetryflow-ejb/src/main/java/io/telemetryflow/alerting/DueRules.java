package io.telemetryflow.alerting;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * One claim of the rules whose tick has come, and their messages, in one transaction of its own: a PostgreSQL statement
 * moves each claimed rule's next tick forward under {@code FOR UPDATE SKIP LOCKED}, so a tick is claimed by exactly one
 * node of the cluster (the work queues are node-local brokers: the broker's duplicate detection alone could not see
 * another node's send), and {@link AlertQueue} enqueues it exactly when the claim commits. A claim takes the oldest
 * unclaimed tick, so a late run skips nothing and the next runs catch up, up to {@link #CATCH_UP_TICKS} ticks; further
 * behind (no node ran for a while), the missed ticks are given up and the rule is evaluated once, for the latest.
 */
@ApplicationScoped
public class DueRules {

    /** Rules claimed per run; more due rules wait for the next run, about a second later. */
    static final int MAX_CLAIM = 2000;
    static final int CATCH_UP_TICKS = 5;

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

    @Inject
    AlertQueue queue;

    /** Claims what is due at {@code now} and enqueues it; returns how many ticks were claimed. */
    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = SQLException.class)
    public int claimAndSend(Instant now) throws SQLException {
        List<AlertQueue.Due> due = claim(now);
        if (!due.isEmpty()) {
            queue.send(due);
        }
        return due.size();
    }

    private List<AlertQueue.Due> claim(Instant now) throws SQLException {
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
