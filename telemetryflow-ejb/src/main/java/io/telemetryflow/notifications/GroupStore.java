package io.telemetryflow.notifications;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The notification state in PostgreSQL: active alerts, aggregation groups (locked row by row while they change), the
 * notifications sent or dropped, and their delivery attempts. Every statement names the tenant or a row id the caller
 * got from a tenant-scoped statement; values are always parameters.
 */
@ApplicationScoped
class GroupStore {

    /** A locked aggregation group with what its notifications need besides the state. */
    record StoredGroup(UUID id, UUID tenantId, String groupKey, UUID policyId, UUID ruleId, String ruleName, String severity,
                       Map<String, String> groupLabels, Map<String, String> annotations, AggregationGroup state) {
    }

    /** A notification to deliver: its tenant and the message as JSON. */
    record StoredSend(UUID id, UUID tenantId, String message) {
    }

    /** One delivery attempt, newest last. */
    record Attempt(UUID notificationId, String status, UUID channelId, int attempt, Instant at, String outcome, Integer statusCode,
                   String error) {
    }

    /** A notification the per-rule cap dropped. */
    record Dropped(UUID notificationId, String status, Instant at, String reason) {
    }

    @Resource(lookup = "java:jboss/datasources/TelemetryFlowDS")
    DataSource postgres;

    void alertFiring(UUID tenant, UUID rule, String fingerprint, Map<String, String> labels, Instant now) {
        update("INSERT INTO notification_active_alerts (tenant_id, rule_id, fingerprint, labels, firing, updated_at) VALUES (?, ?, ?, ?, true, ?) "
                + "ON CONFLICT (tenant_id, rule_id, fingerprint) DO UPDATE SET labels = EXCLUDED.labels, firing = true, updated_at = EXCLUDED.updated_at",
                tenant, rule, fingerprint, NotificationJson.write(labels), Timestamp.from(now));
    }

    void alertResolved(UUID tenant, UUID rule, String fingerprint) {
        update("DELETE FROM notification_active_alerts WHERE tenant_id = ? AND rule_id = ? AND fingerprint = ?", tenant, rule, fingerprint);
    }

    List<ActiveAlert> firingAlerts(UUID tenant) {
        List<ActiveAlert> alerts = new ArrayList<>();
        query("SELECT rule_id, fingerprint, labels FROM notification_active_alerts WHERE tenant_id = ? AND firing", result ->
                alerts.add(new ActiveAlert(result.getObject(1, UUID.class) + "/" + result.getString(2), NotificationJson.labels(result.getString(3)))),
                tenant);
        return alerts;
    }

    /** Opens the group unless it exists (another evaluation may race to open it), then returns it locked. */
    StoredGroup openLocked(UUID tenant, String groupKey, UUID policy, UUID rule, String ruleName, String severity,
                           Map<String, String> groupLabels, Map<String, String> annotations, AggregationGroup opened) {
        update("INSERT INTO notification_groups (id, tenant_id, group_key, policy_id, rule_id, rule_name, severity, group_labels, annotations, "
                        + "state, next_flush_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, group_key) DO NOTHING",
                UUID.randomUUID(), tenant, groupKey, policy, rule, ruleName, severity, NotificationJson.write(groupLabels),
                NotificationJson.write(annotations), NotificationJson.write(opened), Timestamp.from(opened.nextFlushAt()));
        return groups("WHERE tenant_id = ? AND group_key = ? FOR UPDATE", tenant, groupKey).get(0);
    }

    /** The groups of a rule, locked (a resolve goes to every group that holds the instance). */
    List<StoredGroup> ruleGroupsLocked(UUID tenant, UUID rule) {
        return groups("WHERE tenant_id = ? AND rule_id = ? ORDER BY id FOR UPDATE", tenant, rule);
    }

    /** Groups due for a flush, locked; a group another node is flushing is skipped, not waited for. */
    List<StoredGroup> dueLocked(Instant now, int limit) {
        return groups("WHERE next_flush_at <= ? ORDER BY next_flush_at LIMIT ? FOR UPDATE SKIP LOCKED", Timestamp.from(now), limit);
    }

    void save(StoredGroup group, String ruleName, String severity, Map<String, String> annotations, AggregationGroup state) {
        update("UPDATE notification_groups SET rule_name = ?, severity = ?, annotations = ?, state = ?, next_flush_at = ? WHERE id = ?",
                ruleName, severity, NotificationJson.write(annotations), NotificationJson.write(state), Timestamp.from(state.nextFlushAt()),
                group.id());
    }

    void delete(StoredGroup group) {
        update("DELETE FROM notification_groups WHERE id = ?", group.id());
    }

    /**
     * When the rule's notifications of the last hour went out (dropped ones excluded), after taking a transaction lock
     * on the rule, so two nodes flushing groups of one rule count one after the other.
     */
    List<Instant> sentSinceLocked(UUID tenant, UUID rule, Instant since) {
        query("SELECT pg_advisory_xact_lock(?)", result -> { }, rule.getMostSignificantBits() ^ rule.getLeastSignificantBits());
        List<Instant> sent = new ArrayList<>();
        query("SELECT created_at FROM notification_sends WHERE tenant_id = ? AND rule_id = ? AND created_at > ? AND dropped IS NULL",
                result -> sent.add(result.getTimestamp(1).toInstant()), tenant, rule, Timestamp.from(since));
        return sent;
    }

    void insertSend(UUID id, StoredGroup group, String status, List<String> fingerprints, List<UUID> channels, String message, Instant now,
                    String dropped) {
        try (Connection db = postgres.getConnection(); PreparedStatement statement = db.prepareStatement(
                "INSERT INTO notification_sends (id, tenant_id, rule_id, group_key, status, fingerprints, channel_ids, message, created_at, dropped) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Array prints = db.createArrayOf("text", fingerprints.toArray());
            Array channelIds = db.createArrayOf("text", channels.stream().map(UUID::toString).toArray());
            statement.setObject(1, id);
            statement.setObject(2, group.tenantId());
            statement.setObject(3, group.ruleId());
            statement.setString(4, group.groupKey());
            statement.setString(5, status);
            statement.setArray(6, prints);
            statement.setArray(7, channelIds);
            statement.setString(8, message);
            statement.setTimestamp(9, Timestamp.from(now));
            statement.setString(10, dropped);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record a notification", e);
        }
    }

    Optional<StoredSend> send(UUID id) {
        List<StoredSend> sends = new ArrayList<>();
        query("SELECT id, tenant_id, message FROM notification_sends WHERE id = ?",
                result -> sends.add(new StoredSend(result.getObject(1, UUID.class), result.getObject(2, UUID.class), result.getString(3))), id);
        return sends.stream().findFirst();
    }

    void recordAttempt(UUID notification, UUID tenant, UUID channel, int attempt, Instant at, String outcome, Integer statusCode, String error) {
        update("INSERT INTO notification_delivery_attempts (notification_id, tenant_id, channel_id, attempt, at, outcome, status_code, error) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", notification, tenant, channel, attempt, Timestamp.from(at), outcome, statusCode,
                error == null ? null : error.substring(0, Math.min(error.length(), 1000)));
    }

    /** The delivery attempts of the notifications that named this instance, oldest first (at most {@code limit}). */
    List<Attempt> attempts(UUID tenant, UUID rule, String fingerprint, int limit) {
        List<Attempt> attempts = new ArrayList<>();
        query("SELECT a.notification_id, s.status, a.channel_id, a.attempt, a.at, a.outcome, a.status_code, a.error "
                        + "FROM notification_delivery_attempts a JOIN notification_sends s ON s.id = a.notification_id "
                        + "WHERE s.tenant_id = ? AND s.rule_id = ? AND ? = ANY (s.fingerprints) AND a.tenant_id = s.tenant_id "
                        + "ORDER BY a.at, a.id LIMIT ?",
                result -> attempts.add(new Attempt(result.getObject(1, UUID.class), result.getString(2), result.getObject(3, UUID.class),
                        result.getInt(4), result.getTimestamp(5).toInstant(), result.getString(6), (Integer) result.getObject(7),
                        result.getString(8))),
                tenant, rule, fingerprint, limit);
        return attempts;
    }

    List<Dropped> dropped(UUID tenant, UUID rule, String fingerprint, int limit) {
        List<Dropped> dropped = new ArrayList<>();
        query("SELECT id, status, created_at, dropped FROM notification_sends WHERE tenant_id = ? AND rule_id = ? AND ? = ANY (fingerprints) "
                        + "AND dropped IS NOT NULL ORDER BY created_at LIMIT ?",
                result -> dropped.add(new Dropped(result.getObject(1, UUID.class), result.getString(2), result.getTimestamp(3).toInstant(),
                        result.getString(4))), tenant, rule, fingerprint, limit);
        return dropped;
    }

    private List<StoredGroup> groups(String where, Object... parameters) {
        List<StoredGroup> groups = new ArrayList<>();
        query("SELECT id, tenant_id, group_key, policy_id, rule_id, rule_name, severity, group_labels, annotations, state "
                        + "FROM notification_groups " + where,
                result -> groups.add(new StoredGroup(result.getObject(1, UUID.class), result.getObject(2, UUID.class), result.getString(3),
                        result.getObject(4, UUID.class), result.getObject(5, UUID.class), result.getString(6), result.getString(7),
                        NotificationJson.labels(result.getString(8)), NotificationJson.labels(result.getString(9)),
                        NotificationJson.read(result.getString(10), AggregationGroup.class))),
                parameters);
        return groups;
    }

    private interface RowReader {
        void read(ResultSet result) throws SQLException;
    }

    private void query(String sql, RowReader reader, Object... parameters) {
        try (Connection db = postgres.getConnection(); PreparedStatement statement = db.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    reader.read(result);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the notification state", e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection db = postgres.getConnection(); PreparedStatement statement = db.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the notification state", e);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == null) {
                statement.setNull(i + 1, java.sql.Types.NULL);
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
    }
}
