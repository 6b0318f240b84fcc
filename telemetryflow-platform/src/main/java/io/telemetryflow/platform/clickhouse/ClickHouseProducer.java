package io.telemetryflow.platform.clickhouse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Telemetry-store connection settings from MicroProfile Config (env: TELEMETRYFLOW_CLICKHOUSE_URL, ...). */
@ApplicationScoped
public class ClickHouseProducer {

    @Produces
    @Singleton
    ClickHouseConnector connector(
            @ConfigProperty(name = "telemetryflow.clickhouse.url", defaultValue = "jdbc:clickhouse://127.0.0.1:8123") String url,
            @ConfigProperty(name = "telemetryflow.clickhouse.user", defaultValue = "default") String user,
            @ConfigProperty(name = "telemetryflow.clickhouse.password") Optional<String> password,
            @ConfigProperty(name = "telemetryflow.clickhouse.database", defaultValue = "telemetryflow") String database,
            @ConfigProperty(name = "telemetryflow.clickhouse.cluster") Optional<String> cluster) {
        // Optional, because MicroProfile Config treats a variable set to "" as absent
        return new ClickHouseConnector(new ClickHouseSettings(url, user, password.orElse(""), database, cluster.orElse("")));
    }
}
