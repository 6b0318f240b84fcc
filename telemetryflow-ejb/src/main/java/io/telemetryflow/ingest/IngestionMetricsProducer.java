package io.telemetryflow.ingest;

import io.opentelemetry.api.metrics.Meter;
import io.telemetryflow.platform.messaging.QueueStatsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The node's {@link IngestionMetrics} on the MicroProfile Telemetry {@link Meter} of this deployment. */
@ApplicationScoped
public class IngestionMetricsProducer {

    @Inject
    Meter meter;

    @Inject
    QueueStatsService queues;

    @Produces
    @Singleton
    IngestionMetrics metrics() {
        return new IngestionMetrics(meter, queues::messageCount, queues::persistentSize);
    }
}
