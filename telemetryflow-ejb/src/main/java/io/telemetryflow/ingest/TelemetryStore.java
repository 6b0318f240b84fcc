package io.telemetryflow.ingest;

import io.telemetryflow.ingest.store.ClickHouseTelemetryWriter;
import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The node's one telemetry writer; its ClickHouse client keeps a connection pool, closed on undeploy. */
@ApplicationScoped
public class TelemetryStore {

    private ClickHouseTelemetryWriter writer;

    @Produces
    @Singleton
    synchronized ClickHouseTelemetryWriter writer(ClickHouseConnector clickHouse) {
        if (writer == null) {
            writer = new ClickHouseTelemetryWriter(clickHouse);
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
