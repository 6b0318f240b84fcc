package io.telemetryflow.platform.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import io.telemetryflow.platform.clickhouse.ClickHouseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ClickHouse migrations against the real servers: ClickHouse for the schema, PostgreSQL for the
 * advisory lock that serialises nodes. Every test works in its own ClickHouse database and with its
 * own lock key, so runs never see each other's state.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // guards against a hung lock, not a performance claim
class ClickHouseMigratorIT {

    private static final String PG_URL = System.getProperty("tf.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/telemetryflow_test");
    private static final String PG_USER = System.getProperty("tf.test.pg.user", "postgres");
    private static final String PG_PASSWORD = System.getProperty("tf.test.pg.password", "");
    private static final String CH_URL = System.getProperty("tf.test.ch.url", "jdbc:clickhouse://127.0.0.1:18123");

    private final String database = "tf_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private final long lockKey = ThreadLocalRandom.current().nextLong();
    private ClickHouseConnector clickHouse;
    private ExecutorService threads;

    @BeforeEach
    void connect() {
        clickHouse = connector();
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        threads.shutdownNow();
        try (Connection connection = clickHouse.openServer(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " SYNC");
        }
    }

    @Test
    void appliesClasspathMigrationsToAFreshDatabaseOnceAndRecordsEach() throws Exception {
        List<SchemaMigration> migrations = ClickHouseMigrator.fromClasspath(getClass().getClassLoader(), ClickHouseMigrator.LOCATION);

        List<Integer> applied = migrator(migrations, "node-a").migrate();

        assertThat(applied).containsExactlyElementsOf(migrations.stream().map(SchemaMigration::version).toList());
        assertThat(columns("platform_events")).containsExactly(
                entry("event_time", "DateTime64(9, 'UTC')"),
                entry("node", "LowCardinality(String)"),
                entry("event_type", "LowCardinality(String)"),
                entry("message", "String"),
                entry("attributes", "Map(LowCardinality(String), String)"));
        assertThat(queryStrings("SELECT engine FROM system.tables WHERE database = '" + database + "' AND name = 'platform_events'"))
                .containsExactly("MergeTree");
        assertThat(history()).containsExactlyElementsOf(migrations.stream()
                .map(m -> List.of(String.valueOf(m.version()), m.description(), m.checksum(), "node-a"))
                .toList());

        // a node starting later finds everything applied
        assertThat(migrator(migrations, "node-b").migrate()).isEmpty();
        assertThat(history()).hasSameSizeAs(migrations);
    }

    @Test
    void nodesStartingTogetherApplyEachMigrationExactlyOnce() throws Exception {
        // neither script can run twice: a second CREATE TABLE fails, a second INSERT doubles the rows
        List<SchemaMigration> migrations = List.of(
                SchemaMigration.fromFile("V1__probe_table.sql", "CREATE TABLE ${database}.probe (x UInt8) ENGINE = MergeTree ORDER BY x;"),
                SchemaMigration.fromFile("V2__probe_row.sql", "INSERT INTO ${database}.probe VALUES (1);"));
        // separate connectors, locks and PostgreSQL connections: as separate nodes would have
        ClickHouseMigrator nodeA = new ClickHouseMigrator(connector(), lock(Duration.ofMinutes(1)), migrations, "node-a");
        ClickHouseMigrator nodeB = new ClickHouseMigrator(connector(), lock(Duration.ofMinutes(1)), migrations, "node-b");
        CyclicBarrier start = new CyclicBarrier(2);

        Future<List<Integer>> a = threads.submit(() -> {
            start.await();
            return nodeA.migrate();
        });
        Future<List<Integer>> b = threads.submit(() -> {
            start.await();
            return nodeB.migrate();
        });
        List<Integer> appliedByA = a.get(1, TimeUnit.MINUTES);
        List<Integer> appliedByB = b.get(1, TimeUnit.MINUTES);

        assertThat(List.of(appliedByA, appliedByB)).containsExactlyInAnyOrder(List.of(1, 2), List.of());
        assertThat(queryStrings("SELECT toString(count()) FROM " + database + ".probe")).containsExactly("1");
        assertThat(history()).extracting(row -> row.get(0)).containsExactly("1", "2");
    }

    @Test
    void refusesAMigrationEditedAfterItWasApplied() throws Exception {
        SchemaMigration original = SchemaMigration.fromFile("V1__events.sql", "CREATE TABLE ${database}.events (x UInt8) ENGINE = MergeTree ORDER BY x;");
        SchemaMigration edited = SchemaMigration.fromFile("V1__events.sql", "CREATE TABLE ${database}.events (x UInt16) ENGINE = MergeTree ORDER BY x;");
        SchemaMigration next = SchemaMigration.fromFile("V2__more.sql", "CREATE TABLE ${database}.more (y UInt8) ENGINE = MergeTree ORDER BY y;");
        assertThat(migrator(List.of(original), "node-a").migrate()).containsExactly(1);

        assertThatThrownBy(() -> migrator(List.of(edited, next), "node-a").migrate())
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("V1")
                .hasMessageContaining("was changed after it was applied")
                .hasMessageContaining(original.checksum())
                .hasMessageContaining(edited.checksum());

        // the refusal comes before anything runs: V2 is neither applied nor recorded
        assertThat(tables()).doesNotContain("more");
        assertThat(columns("events")).containsExactly(entry("x", "UInt8"));
        assertThat(history()).extracting(row -> row.get(0)).containsExactly("1");
    }

    @Test
    void failingStatementNamesItsMigrationRecordsNothingForItAndTheFixedScriptAppliesNextTime() throws Exception {
        SchemaMigration first = SchemaMigration.fromFile("V1__base.sql", "CREATE TABLE ${database}.base (x UInt8) ENGINE = MergeTree ORDER BY x;");
        SchemaMigration broken = SchemaMigration.fromFile("V2__add_broken.sql", """
                CREATE TABLE IF NOT EXISTS ${database}.added (x UInt8) ENGINE = MergeTree ORDER BY x;
                ALTER TABLE ${database}.added ADD COLUMN y NoSuchType;
                """);
        SchemaMigration fixed = SchemaMigration.fromFile("V2__add_broken.sql", """
                CREATE TABLE IF NOT EXISTS ${database}.added (x UInt8) ENGINE = MergeTree ORDER BY x;
                ALTER TABLE ${database}.added ADD COLUMN IF NOT EXISTS y String;
                """);

        assertThatThrownBy(() -> migrator(List.of(first, broken), "node-a").migrate())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("ClickHouse migration V2 (add broken) failed");
        // V1 went through before V2 failed; V2 is not recorded although its first statement ran
        assertThat(history()).extracting(row -> row.get(0)).containsExactly("1");

        // never applied, so its content may still change
        assertThat(migrator(List.of(first, fixed), "node-a").migrate()).containsExactly(2);
        assertThat(columns("added")).containsExactly(entry("x", "UInt8"), entry("y", "String"));
        assertThat(history()).extracting(row -> row.get(0), row -> row.get(2))
                .containsExactly(tuple("1", first.checksum()), tuple("2", fixed.checksum()));
    }

    @Test
    void advisoryLockRefusesASecondCallerWhileTheFirstHoldsIt() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> holder = threads.submit(() -> lock(Duration.ofMinutes(1)).callExclusively(() -> {
            held.countDown();
            release.await();
            return "done";
        }));
        assertThat(held.await(1, TimeUnit.MINUTES)).as("first caller got the lock").isTrue();

        try {
            assertThatThrownBy(() -> lock(Duration.ofMillis(500)).callExclusively(() -> "must not run"))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("migration lock")
                    .hasMessageContaining(String.valueOf(lockKey));
        } finally {
            release.countDown();
        }
        assertThat(holder.get(1, TimeUnit.MINUTES)).isEqualTo("done");

        // released by the holder: the next caller gets it straight away
        assertThat(lock(Duration.ofMillis(500)).<String>callExclusively(() -> "second")).isEqualTo("second");
    }

    @Test
    void advisoryLockIsReleasedWhenTheWorkFails() throws Exception {
        assertThatThrownBy(() -> lock(Duration.ofSeconds(5)).callExclusively(() -> {
            throw new IllegalStateException("work failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("work failed");

        assertThat(lock(Duration.ofMillis(500)).<String>callExclusively(() -> "next")).isEqualTo("next");
    }

    private ClickHouseMigrator migrator(List<SchemaMigration> migrations, String node) {
        return new ClickHouseMigrator(clickHouse, lock(Duration.ofMinutes(1)), migrations, node);
    }

    private PostgresAdvisoryLock lock(Duration timeout) {
        return new PostgresAdvisoryLock(() -> DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD), lockKey, timeout);
    }

    private ClickHouseConnector connector() {
        return new ClickHouseConnector(new ClickHouseSettings(CH_URL, "default", "", database, ""));
    }

    /** Every recorded row, unmerged, so a migration recorded twice shows up twice. */
    private List<List<String>> history() throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = clickHouse.openServer(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT toString(version), description, checksum, applied_by FROM "
                     + database + ".schema_migrations ORDER BY version")) {
            while (result.next()) {
                rows.add(List.of(result.getString(1), result.getString(2), result.getString(3), result.getString(4)));
            }
        }
        return rows;
    }

    private Map<String, String> columns(String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Connection connection = clickHouse.openServer(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT name, type FROM system.columns WHERE database = '" + database
                     + "' AND table = '" + table + "' ORDER BY position")) {
            while (result.next()) {
                columns.put(result.getString(1), result.getString(2));
            }
        }
        return columns;
    }

    private List<String> tables() throws SQLException {
        return queryStrings("SELECT name FROM system.tables WHERE database = '" + database + "' ORDER BY name");
    }

    private List<String> queryStrings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = clickHouse.openServer(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }
}
