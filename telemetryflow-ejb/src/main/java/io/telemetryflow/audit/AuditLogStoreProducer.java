package io.telemetryflow.audit;

import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import io.telemetryflow.telemetry.TelemetryQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One audit store (and so one pooled ClickHouse client) per deployment, reading within the telemetry read limits. */
@ApplicationScoped
public class AuditLogStoreProducer {

    @Produces
    @Singleton
    AuditLogStore store(ClickHouseConnector clickHouse, TelemetryQueries telemetryQueries) {
        return new AuditLogStore(clickHouse.settings(), telemetryQueries.limits());
    }

    void close(@Disposes AuditLogStore store) {
        store.close();
    }
}
