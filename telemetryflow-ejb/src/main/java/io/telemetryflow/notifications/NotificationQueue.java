package io.telemetryflow.notifications;

import io.telemetryflow.platform.messaging.PlatformQueue;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.UUID;

/**
 * The notifications' port to the {@code notifications} queue: its JNDI name and the {@code tf*} message properties.
 * One message per notification and channel, sent in the flush's transaction (so a flush that rolls back sends nothing);
 * the body is empty, the message itself is stored with the notification. The broker retries a delivery the consumer
 * rolls back ({@link PlatformQueue#NOTIFICATIONS}: 5 attempts with backoff), then moves it to notifications.DLQ.
 */
@ApplicationScoped
class NotificationQueue {

    static final String NOTIFICATION_ID = "tfNotificationId";
    static final String CHANNEL_ID = "tfChannelId";
    /** The broker's count of deliveries of this message, 1 on the first. */
    static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    @Inject
    JMSContext jms;

    @Resource(lookup = PlatformQueue.Jndi.NOTIFICATIONS)
    Queue queue;

    void send(UUID notificationId, UUID channelId) {
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).setProperty(NOTIFICATION_ID, notificationId.toString())
                .setProperty(CHANNEL_ID, channelId.toString()).send(queue, "");
    }

    static UUID notificationId(Message message) throws JMSException {
        return UUID.fromString(message.getStringProperty(NOTIFICATION_ID));
    }

    static UUID channelId(Message message) throws JMSException {
        return UUID.fromString(message.getStringProperty(CHANNEL_ID));
    }

    static int attempt(Message message) throws JMSException {
        return message.propertyExists(DELIVERY_COUNT) ? message.getIntProperty(DELIVERY_COUNT) : 1;
    }

    static boolean lastAttempt(int attempt) {
        return attempt >= PlatformQueue.NOTIFICATIONS.maxAttempts();
    }
}
