package io.telemetryflow.notifications;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The four kinds of routing configuration in PostgreSQL, one table each, every statement scoped by tenant. Each row
 * holds its validated definition as JSON plus the columns its kind filters or orders by ({@link Kind#columns}).
 * Table and column names come from {@link Kind} only; values are always parameters.
 */
@ApplicationScoped
class RoutingStore {

    enum Kind {
        POLICY("notification_policies", "notification policy", List.of("name", "position", "is_default"), "position, created_at, id"),
        SILENCE("notification_silences", "silence", List.of("starts_at", "ends_at"), "ends_at DESC, id"),
        MAINTENANCE_WINDOW("notification_maintenance_windows", "maintenance window", List.of("name"), "name, id"),
        INHIBITION_RULE("notification_inhibition_rules", "inhibition rule", List.of("name"), "name, id");

        final String table;
        final String what;
        final List<String> columns;
        final String order;

        Kind(String table, String what, List<String> columns, String order) {
            this.table = table;
            this.what = what;
            this.columns = columns;
            this.order = order;
        }
    }

    /** A stored row: its definition JSON and who made and last changed it. */
    record Row(UUID id, String definition, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
    }

    @Resource(lookup = "java:jboss/datasources/TelemetryFlowDS")
    DataSource postgres;

    List<Row> list(Kind kind, UUID tenant) {
        return query(kind, "WHERE tenant_id = ? ORDER BY " + kind.order, tenant, null);
    }

    Optional<Row> find(Kind kind, UUID tenant, UUID id) {
        return query(kind, "WHERE tenant_id = ? AND id = ?", tenant, id).stream().findFirst();
    }

    /** {@code values} holds a value for each of the kind's columns, in their order. */
    void insert(Kind kind, UUID tenant, UUID id, List<Object> values, String definition, String actor, Instant now) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(kind.table)
                .append(" (id, tenant_id, definition, created_at, created_by, updated_at, updated_by");
        kind.columns.forEach(column -> sql.append(", ").append(column));
        sql.append(") VALUES (?, ?, ?, ?, ?, ?, ?").append(", ?".repeat(kind.columns.size())).append(')');
        List<Object> parameters = new ArrayList<>(List.of(id, tenant, definition, Timestamp.from(now), actor, Timestamp.from(now), actor));
        values.forEach(value -> parameters.add(value instanceof Instant instant ? Timestamp.from(instant) : value));
        execute(sql.toString(), parameters);
    }

    boolean update(Kind kind, UUID tenant, UUID id, List<Object> values, String definition, String actor, Instant now) {
        StringBuilder sql = new StringBuilder("UPDATE ").append(kind.table).append(" SET definition = ?, updated_at = ?, updated_by = ?");
        kind.columns.forEach(column -> sql.append(", ").append(column).append(" = ?"));
        sql.append(" WHERE tenant_id = ? AND id = ?");
        List<Object> parameters = new ArrayList<>(List.of(definition, Timestamp.from(now), actor));
        values.forEach(value -> parameters.add(value instanceof Instant instant ? Timestamp.from(instant) : value));
        parameters.add(tenant);
        parameters.add(id);
        return execute(sql.toString(), parameters) == 1;
    }

    boolean delete(Kind kind, UUID tenant, UUID id) {
        return execute("DELETE FROM " + kind.table + " WHERE tenant_id = ? AND id = ?", List.of(tenant, id)) == 1;
    }

    /** Active silences of a tenant (the flush reads only those). */
    List<Row> activeSilences(UUID tenant, Instant now) {
        return query(Kind.SILENCE, "WHERE tenant_id = ? AND starts_at <= ? AND ends_at > ? ORDER BY id", tenant, null, now);
    }

    /** Which of {@code ids} are live notification channels of the tenant. */
    java.util.Set<UUID> liveChannels(UUID tenant, List<UUID> ids) {
        java.util.Set<UUID> live = new java.util.HashSet<>();
        try (Connection db = postgres.getConnection(); PreparedStatement statement = db.prepareStatement(
                "SELECT id FROM notification_channels WHERE tenant_id = ? AND id = ANY (?) AND deleted_at IS NULL")) {
            statement.setObject(1, tenant);
            statement.setArray(2, db.createArrayOf("uuid", ids.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    live.add(result.getObject(1, UUID.class));
                }
            }
            return live;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read notification channels", e);
        }
    }

    private List<Row> query(Kind kind, String where, UUID tenant, UUID id, Instant... at) {
        String sql = "SELECT id, definition, created_at, created_by, updated_at, updated_by FROM " + kind.table + " " + where;
        try (Connection db = postgres.getConnection(); PreparedStatement statement = db.prepareStatement(sql)) {
            int index = 1;
            statement.setObject(index++, tenant);
            if (id != null) {
                statement.setObject(index++, id);
            }
            for (Instant instant : at) {
                statement.setTimestamp(index++, Timestamp.from(instant));
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getObject(1, UUID.class), result.getString(2), result.getTimestamp(3).toInstant(),
                            result.getString(4), result.getTimestamp(5).toInstant(), result.getString(6)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + kind.table, e);
        }
    }

    private int execute(String sql, List<Object> parameters) {
        try (Connection db = postgres.getConnection(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write notification routing", e);
        }
    }
}
