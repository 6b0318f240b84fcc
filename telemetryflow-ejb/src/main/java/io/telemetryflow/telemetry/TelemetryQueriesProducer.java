package io.telemetryflow.telemetry;

import io.telemetryflow.platform.clickhouse.ClickHouseClients;
import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** One query runner (one pooled ClickHouse client) per deployment, with the configured {@code telemetryflow.query.*} limits. */
@ApplicationScoped
public class TelemetryQueriesProducer {

    @Produces
    @Singleton
    TelemetryQueries queries(ClickHouseConnector clickHouse,
                             @ConfigProperty(name = "telemetryflow.query.max-range") Duration maxRange,
                             @ConfigProperty(name = "telemetryflow.query.default-range") Duration defaultRange,
                             @ConfigProperty(name = "telemetryflow.query.max-execution-time") Duration maxExecutionTime,
                             @ConfigProperty(name = "telemetryflow.query.max-result-rows") long maxResultRows,
                             @ConfigProperty(name = "telemetryflow.query.max-result-bytes") long maxResultBytes,
                             @ConfigProperty(name = "telemetryflow.query.max-bytes-to-read") long maxBytesToRead,
                             @ConfigProperty(name = "telemetryflow.query.max-memory-bytes") long maxMemoryBytes,
                             @ConfigProperty(name = "telemetryflow.query.max-concurrent-per-tenant") int queriesPerTenant,
                             @ConfigProperty(name = "telemetryflow.query.freshness") Duration freshness,
                             @ConfigProperty(name = "telemetryflow.query.past-cache-ttl") Duration pastCacheTtl) {
        return new TelemetryQueries(ClickHouseClients.create(clickHouse.settings()), new QueryLimits(maxRange, defaultRange,
                maxExecutionTime, maxResultRows, maxResultBytes, maxBytesToRead, maxMemoryBytes, freshness, pastCacheTtl), queriesPerTenant);
    }

    void close(@Disposes TelemetryQueries queries) {
        queries.close();
    }
}
