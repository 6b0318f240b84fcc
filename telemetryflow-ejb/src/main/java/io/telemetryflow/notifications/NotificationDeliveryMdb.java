package io.telemetryflow.notifications;

import io.telemetryflow.platform.messaging.PlatformQueue;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Consumes the notifications queue: one delivery attempt per message; a retryable failure rolls back for redelivery. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = PlatformQueue.Jndi.NOTIFICATIONS),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
public class NotificationDeliveryMdb implements MessageListener {

    @Resource
    MessageDrivenContext context;

    @Inject
    NotificationDelivery delivery;

    @Override
    public void onMessage(Message message) {
        try {
            if (delivery.deliver(NotificationQueue.notificationId(message), NotificationQueue.channelId(message),
                    NotificationQueue.attempt(message))) {
                context.setRollbackOnly();
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read the notification message", e);
        }
    }
}
