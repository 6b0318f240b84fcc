package io.telemetryflow.platform.clickhouse;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens JDBC connections to ClickHouse. Connections are opened per unit of work: the HTTP protocol
 * keeps no server-side session, so a ClickHouse restart never leaves a stale pooled connection
 * behind, and the health check sees recovery at once.
 */
public class ClickHouseConnector {

    // used directly rather than through DriverManager, which cannot see drivers inside a deployment
    private static final Driver DRIVER = new com.clickhouse.jdbc.Driver();

    private final ClickHouseSettings settings;

    public ClickHouseConnector(ClickHouseSettings settings) {
        this.settings = settings;
    }

    public ClickHouseSettings settings() {
        return settings;
    }

    /** A connection whose default database is the telemetry database (which must exist). */
    public Connection open() throws SQLException {
        return open(settings.database());
    }

    /** A connection to the server's {@code default} database, for creating ours. */
    public Connection openServer() throws SQLException {
        return open("default");
    }

    private Connection open(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        properties.setProperty("database", database);
        Connection connection = DRIVER.connect(settings.url(), properties);
        if (connection == null) {
            throw new SQLException("the ClickHouse driver does not accept URL " + settings.url());
        }
        return connection;
    }
}
