package io.telemetryflow.platform.health;

import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import io.telemetryflow.platform.migration.ClickHouseSchemaStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** The telemetry store answers and its schema is current. */
@Readiness
@ApplicationScoped
public class ClickHouseHealthCheck implements HealthCheck {

    @Inject
    ClickHouseConnector clickHouse;

    @Inject
    ClickHouseSchemaStatus schema;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("clickhouse");
        try (Connection connection = clickHouse.openServer(); Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("SELECT version()")) {
            version.next();
            response.withData("version", version.getString(1));
        } catch (SQLException e) {
            return response.down().withData("error", "ClickHouse unreachable: " + e.getMessage()).build();
        }
        Optional<String> problem = schema.problem();
        if (problem.isPresent()) {
            return response.down().withData("error", problem.get()).build();
        }
        return response.up().withData("database", clickHouse.settings().database()).build();
    }
}
