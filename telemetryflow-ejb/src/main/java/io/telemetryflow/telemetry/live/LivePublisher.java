package io.telemetryflow.telemetry.live;

import io.telemetryflow.alerting.AlertTransitions;
import io.telemetryflow.ingest.TelemetryStored;
import io.telemetryflow.platform.messaging.PlatformQueue;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Topic;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes a stored batch's live events (bounded by {@link LiveEvents}) to the cluster's live topic, in the storing
 * transaction: they leave when the batch commits, and never for a batch rolled back. Non-persistent with a short
 * time-to-live: a live event is worth nothing later. Publishing never fails the batch: a failure is logged and counted.
 * Events are published whether or not anyone listens; no node can know cheaply and exactly that no other node has a
 * subscriber, and the topic drops messages that no subscription takes.
 */
@ApplicationScoped
public class LivePublisher {

    static final String TENANT_ID = "tfTenantId";
    static final String CHANNEL = "tfChannel";
    static final long TIME_TO_LIVE_MILLIS = 30_000;
    private static final Logger LOG = Logger.getLogger(LivePublisher.class.getName());

    @Inject
    JMSContext jms;

    @Resource(lookup = PlatformQueue.Jndi.TELEMETRY_LIVE_TOPIC)
    Topic topic;

    private final AtomicLong failures = new AtomicLong();

    void publish(@Observes TelemetryStored stored) {
        send(LiveEvents.of(stored.requests(), stored.storedAt().toEpochMilli()));
    }

    /** Alert instances that started firing or resolved, in the evaluation's transaction: {@code alert:firing} / {@code alert:resolved}. */
    void publish(@Observes AlertTransitions transitions) {
        send(LiveEvents.alerts(transitions));
    }

    private void send(List<LiveEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).setTimeToLive(TIME_TO_LIVE_MILLIS)
                    .setDisableMessageID(true);
            for (LiveEvent event : events) {
                producer.setProperty(TENANT_ID, event.tenantId().toString()).setProperty(CHANNEL, event.channel().wireName())
                        .send(topic, event.toJson().toString());
            }
        } catch (JMSRuntimeException e) {
            long count = failures.incrementAndGet();
            LOG.log(count == 1 ? Level.WARNING : Level.FINE, "Live events not published (" + count + " failures so far); their source goes on", e);
        }
    }
}
