package io.telemetryflow.audit;

import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One audit store (and so one pooled ClickHouse client) per deployment. */
@ApplicationScoped
public class AuditLogStoreProducer {

    @Produces
    @Singleton
    AuditLogStore store(ClickHouseConnector clickHouse) {
        return new AuditLogStore(clickHouse.settings());
    }

    void close(@Disposes AuditLogStore store) {
        store.close();
    }
}
