package io.telemetryflow.ingest;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Consumes the otlp-ingestion queue; each delivery is one transaction (see {@link IngestedBatchConsumer}). Many
 * sessions, because each one mostly waits for ClickHouse to flush its asynchronous insert, and the more inserts
 * wait together, the larger the part ClickHouse writes (the MDB instance pool is sized to match in
 * server-config/wildfly/20-messaging.cli).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/otlp-ingestion"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "16")
})
public class OtlpIngestionMdb implements MessageListener {

    @Inject
    IngestedBatchConsumer consumer;

    @Override
    public void onMessage(Message message) {
        try {
            consumer.consume((BytesMessage) message);
        } catch (JMSException e) {
            // rolls the delivery back: the broker redelivers with backoff, then dead-letters
            throw new IllegalStateException("cannot read the ingestion message", e);
        }
    }
}
