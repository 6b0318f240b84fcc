package io.telemetryflow.ingest;

import io.telemetryflow.platform.messaging.PlatformQueue;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Consumes the otlp-batches queue (filled by {@link OtlpRequestBatcher}); each delivery is one transaction (see
 * {@link IngestedBatchConsumer}). The number of sessions is the server expression
 * {@code telemetryflow.ingest.store-sessions} (system property, or environment variable
 * {@code TELEMETRYFLOW_INGEST_STORE_SESSIONS}), default 2: storing is CPU-heavy, and on a small machine more
 * sessions take CPU from the requests being acknowledged (docs/benchmarks.md) without storing faster.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = PlatformQueue.Jndi.OTLP_BATCHES),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession",
                propertyValue = "${telemetryflow.ingest.store-sessions,env.TELEMETRYFLOW_INGEST_STORE_SESSIONS:2}")
})
public class OtlpBatchMdb implements MessageListener {

    @Inject
    IngestedBatchConsumer consumer;

    @Override
    public void onMessage(Message message) {
        try {
            consumer.consume((BytesMessage) message);
        } catch (JMSException e) {
            // rolls the delivery back: the broker redelivers with backoff, then dead-letters
            throw new IllegalStateException("cannot read the ingestion batch", e);
        }
    }
}
