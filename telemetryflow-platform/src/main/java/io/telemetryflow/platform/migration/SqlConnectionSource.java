package io.telemetryflow.platform.migration;

import java.sql.Connection;
import java.sql.SQLException;

/** Where a connection comes from: a container DataSource in the server, DriverManager in tests. */
@FunctionalInterface
public interface SqlConnectionSource {
    Connection open() throws SQLException;
}
