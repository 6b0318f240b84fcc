package io.telemetryflow.alerting;

import io.telemetryflow.platform.clickhouse.ClickHouseConnector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One alert history writer (and so one pooled ClickHouse client) per deployment. */
@ApplicationScoped
public class AlertHistoryProducer {

    @Produces
    @Singleton
    AlertHistory history(ClickHouseConnector clickHouse) {
        return new AlertHistory(clickHouse.settings());
    }

    void close(@Disposes AlertHistory history) {
        history.close();
    }
}
