package io.telemetryflow.audit;

import io.telemetryflow.platform.messaging.PlatformQueue;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/** Consumes the audit-events queue; each delivery is one transaction (see {@link AuditEventConsumer}). */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = PlatformQueue.Jndi.AUDIT_EVENTS),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
})
public class AuditEventsMdb implements MessageListener {

    @Inject
    AuditEventConsumer consumer;

    @Override
    public void onMessage(Message message) {
        try {
            consumer.consume((TextMessage) message);
        } catch (JMSException e) {
            // rolls the delivery back: the broker redelivers with backoff, then dead-letters
            throw new IllegalStateException("cannot read the audit event", e);
        }
    }
}
