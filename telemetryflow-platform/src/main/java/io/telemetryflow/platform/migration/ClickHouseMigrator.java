package io.telemetryflow.platform.migration;

import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import io.telemetryflow.platform.clickhouse.ClickHouseSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Applies the versioned ClickHouse DDL scripts once, in order, and records each in
 * {@code <database>.schema_migrations}. Nodes starting together take turns through a PostgreSQL
 * advisory lock; a script edited after it was applied stops the migration with a clear message.
 * A script is recorded only after all its statements succeeded, so scripts are written to be safe
 * to re-run (IF NOT EXISTS) in case a node dies half-way through one.
 */
public class ClickHouseMigrator {

    /** Scripts live in this classpath folder, listed in order in its {@code index.txt}. */
    public static final String LOCATION = "db/clickhouse/";

    private static final Logger LOG = Logger.getLogger(ClickHouseMigrator.class.getName());

    private final ClickHouseConnector clickHouse;
    private final PostgresAdvisoryLock lock;
    private final List<SchemaMigration> migrations;
    private final String node;

    public ClickHouseMigrator(ClickHouseConnector clickHouse, PostgresAdvisoryLock lock, List<SchemaMigration> migrations, String node) {
        this.clickHouse = clickHouse;
        this.lock = lock;
        this.migrations = List.copyOf(migrations);
        this.node = node;
    }

    /** Runs the pending migrations and returns the versions this call applied. */
    public List<Integer> migrate() throws Exception {
        return lock.callExclusively(this::migrateLocked);
    }

    private List<Integer> migrateLocked() throws SQLException {
        ClickHouseSettings settings = clickHouse.settings();
        String database = settings.database();
        String onCluster = settings.placeholders().get("on_cluster");
        List<Integer> applied = new ArrayList<>();
        try (Connection connection = clickHouse.openServer(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + database + " " + onCluster);
            // on a cluster the history must be one table shared by all replicas, or a node reached
            // through a load balancer would see an empty history and migrate again
            String engine = onCluster.isEmpty() ? "ReplacingMergeTree" : "ReplicatedReplacingMergeTree";
            statement.execute("CREATE TABLE IF NOT EXISTS " + database + ".schema_migrations " + onCluster + """
                     (
                        version UInt32,
                        description String,
                        checksum String,
                        applied_at DateTime64(3, 'UTC') DEFAULT now64(3),
                        applied_by String,
                        execution_ms UInt64
                    ) ENGINE = """ + engine + " ORDER BY version");
            List<SchemaMigration> pending = MigrationPlan.pending(migrations, appliedMigrations(statement, database));
            for (SchemaMigration migration : pending) {
                long started = System.nanoTime();
                for (String sql : migration.statements(settings.placeholders())) {
                    try {
                        statement.execute(sql);
                    } catch (SQLException e) {
                        throw new SQLException("ClickHouse migration V" + migration.version() + " (" + migration.description()
                                + ") failed: " + e.getMessage(), e.getSQLState(), e);
                    }
                }
                record(connection, database, migration, (System.nanoTime() - started) / 1_000_000);
                applied.add(migration.version());
                LOG.info(() -> "Applied ClickHouse migration V" + migration.version() + " (" + migration.description() + ")");
            }
        }
        return applied;
    }

    private static List<AppliedMigration> appliedMigrations(Statement statement, String database) throws SQLException {
        List<AppliedMigration> applied = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(
                "SELECT version, description, checksum FROM " + database + ".schema_migrations FINAL ORDER BY version")) {
            while (rows.next()) {
                applied.add(new AppliedMigration(rows.getInt(1), rows.getString(2), rows.getString(3)));
            }
        }
        return applied;
    }

    private void record(Connection connection, String database, SchemaMigration migration, long millis) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + database
                + ".schema_migrations (version, description, checksum, applied_by, execution_ms) VALUES (?, ?, ?, ?, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.setString(3, migration.checksum());
            insert.setString(4, node);
            insert.setLong(5, millis);
            insert.executeUpdate();
        }
    }

    /** Reads the scripts named in {@code <location>index.txt}, one file name a line, from the class path. */
    public static List<SchemaMigration> fromClasspath(ClassLoader loader, String location) {
        List<SchemaMigration> migrations = new ArrayList<>();
        for (String fileName : read(loader, location + "index.txt").split("\\R")) {
            String name = fileName.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                migrations.add(SchemaMigration.fromFile(name, read(loader, location + name)));
            }
        }
        return migrations;
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new MigrationException("migration resource " + resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
