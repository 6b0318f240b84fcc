package io.telemetryflow.testsupport;

import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import io.telemetryflow.platform.clickhouse.ClickHouseSettings;
import io.telemetryflow.platform.migration.ClickHouseMigrator;
import io.telemetryflow.platform.migration.PostgresAdvisoryLock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL and ClickHouse of the integration tests: `./telemetryflow test` passes their URLs as tf.test.*
 * system properties; without them, the local defaults. A ClickHouse test class works in a database of its own, with
 * the real migrations, and drops it afterwards.
 */
public final class TestDatabases {

    public static final String PG_URL = System.getProperty("tf.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/telemetryflow_test");
    public static final String PG_USER = System.getProperty("tf.test.pg.user", "postgres");
    public static final String PG_PASSWORD = System.getProperty("tf.test.pg.password", "");
    public static final String CH_URL = System.getProperty("tf.test.ch.url", "jdbc:clickhouse://127.0.0.1:18123");

    private TestDatabases() {
    }

    public static Connection postgres() throws SQLException {
        return DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
    }

    /** A database name of {@code prefix} and a random suffix, so that classes running at once never share one. */
    public static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Creates {@code database} with the real migrations (as {@code owner}, under a lock of its own) and connects to it. */
    public static ClickHouseConnector migratedClickHouse(String database, String owner) throws Exception {
        ClickHouseConnector clickHouse = new ClickHouseConnector(new ClickHouseSettings(CH_URL, "default", "", database, ""));
        PostgresAdvisoryLock lock = new PostgresAdvisoryLock(TestDatabases::postgres, ThreadLocalRandom.current().nextLong(), Duration.ofMinutes(1));
        new ClickHouseMigrator(clickHouse, lock, ClickHouseMigrator.fromClasspath(TestDatabases.class.getClassLoader(),
                ClickHouseMigrator.LOCATION), owner).migrate();
        return clickHouse;
    }

    /** Drops the connector's database. */
    public static void drop(ClickHouseConnector clickHouse) throws SQLException {
        try (Connection connection = clickHouse.openServer(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + clickHouse.settings().database() + " SYNC");
        }
    }
}
