package io.telemetryflow.platform.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The metadata store answers. */
@Readiness
@ApplicationScoped
public class PostgresHealthCheck implements HealthCheck {

    @Resource(lookup = "java:jboss/datasources/TelemetryFlowDS")
    DataSource postgres;

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = postgres.getConnection()) {
            boolean valid = connection.isValid(2);
            return HealthCheckResponse.named("postgres").status(valid)
                    .withData("database", connection.getCatalog())
                    .build();
        } catch (SQLException e) {
            return HealthCheckResponse.named("postgres").down().withData("error", e.getMessage()).build();
        }
    }
}
