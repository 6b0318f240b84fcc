package io.telemetryflow.telemetry.live;

import io.telemetryflow.platform.messaging.PlatformQueue;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's non-durable subscription to the live topic: every node receives every event and hands it to its own
 * sessions ({@link LiveHub}). One session, so events of a tenant arrive in order and each once (every session of a
 * topic MDB would be a subscription of its own). No transaction: a lost live event is not redelivered.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = PlatformQueue.Jndi.TELEMETRY_LIVE_TOPIC),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "NonDurable"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LiveTopicMdb implements MessageListener {

    private static final Logger LOG = Logger.getLogger(LiveTopicMdb.class.getName());

    @Inject
    LiveHub hub;

    @Override
    public void onMessage(Message message) {
        try {
            Optional<LiveChannel> channel = LiveChannel.named(message.getStringProperty(LivePublisher.CHANNEL));
            String tenant = message.getStringProperty(LivePublisher.TENANT_ID);
            if (channel.isPresent() && tenant != null && message instanceof TextMessage text) {
                hub.deliver(channel.get(), UUID.fromString(tenant), text.getText());
            }
        } catch (JMSException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "Unreadable live event; dropped", e);
        }
    }
}
