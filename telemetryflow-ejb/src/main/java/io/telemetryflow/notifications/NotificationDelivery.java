package io.telemetryflow.notifications;

import io.telemetryflow.notifications.GroupStore.StoredSend;
import io.telemetryflow.notifications.channels.DeliveryResult;
import io.telemetryflow.notifications.channels.NotificationChannels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * One delivery attempt of a notification to a channel: sends it once through the channel and records the attempt in a
 * transaction of its own, so the record stays when the delivery's transaction rolls back for a retry.
 * <ul>
 *   <li>delivered: recorded, done;</li>
 *   <li>a failure that may pass (timeout, refused connection, 5xx, 429, 408): recorded as {@code retrying} and the
 *       caller rolls the delivery back, so the broker redelivers with the queue's backoff; the fifth failure is
 *       recorded as {@code dead_lettered} and the broker moves the message to notifications.DLQ;</li>
 *   <li>a failure that will not pass (other 4xx, a refused address, a deleted or disabled channel): recorded as
 *       {@code failed} and consumed at once; it does not go to the DLQ, as redelivering it cannot help.</li>
 * </ul>
 */
@ApplicationScoped
public class NotificationDelivery {

    private static final Logger LOG = Logger.getLogger(NotificationDelivery.class.getName());

    @Inject
    GroupStore groups;

    @Inject
    NotificationChannels channels;

    @Inject
    NotificationDelivery self;

    /** Whether the broker should deliver this again (the caller rolls back). */
    public boolean deliver(UUID notificationId, UUID channelId, int attempt) {
        Optional<StoredSend> send = groups.send(notificationId);
        if (send.isEmpty()) {
            LOG.warning(() -> "notification " + notificationId + " is gone; its delivery to channel " + channelId + " is dropped");
            return false;
        }
        UUID tenant = send.get().tenantId();
        NotificationMessage message = NotificationJson.read(send.get().message(), NotificationMessage.class);
        DeliveryResult result;
        try {
            result = channels.deliver(tenant.toString(), channelId, message);
        } catch (RuntimeException e) {
            result = new DeliveryResult(false, true, null, "delivery failed: " + e.getClass().getSimpleName());
        }
        boolean retry = !result.delivered() && result.retryable();
        String outcome = result.delivered() ? "delivered" : !result.retryable() ? "failed"
                : NotificationQueue.lastAttempt(attempt) ? "dead_lettered" : "retrying";
        self.record(notificationId, tenant, channelId, attempt, outcome, result);
        return retry;
    }

    @Transactional(TxType.REQUIRES_NEW)
    void record(UUID notificationId, UUID tenant, UUID channelId, int attempt, String outcome, DeliveryResult result) {
        groups.recordAttempt(notificationId, tenant, channelId, attempt, Instant.now(), outcome, result.statusCode(), result.error());
    }
}
