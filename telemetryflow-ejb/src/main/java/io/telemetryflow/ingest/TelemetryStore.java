package io.telemetryflow.ingest;

import io.telemetryflow.ingest.store.ClickHouseTelemetryWriter;
import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The node's one telemetry writer; its ClickHouse client keeps a connection pool, closed on undeploy, and runs the
 * per-table inserts of a batch on the container's managed executor.
 */
@ApplicationScoped
public class TelemetryStore {

    @Resource
    ManagedExecutorService executor;

    private ClickHouseTelemetryWriter writer;

    @Produces
    @Singleton
    synchronized ClickHouseTelemetryWriter writer(ClickHouseConnector clickHouse) {
        if (writer == null) {
            writer = new ClickHouseTelemetryWriter(clickHouse, executor);
        }
        return writer;
    }

    @PreDestroy
    synchronized void close() {
        if (writer != null) {
            writer.close();
        }
    }
}
