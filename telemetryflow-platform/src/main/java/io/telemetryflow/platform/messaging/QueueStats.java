package io.telemetryflow.platform.messaging;

/**
 * One queue's state as the broker reports it, with the retry policy the broker actually applies
 * (so drift between configuration and {@link PlatformQueue} is visible).
 */
public record QueueStats(String queue, long messageCount, long deliveringCount, long scheduledCount,
                         long messagesAdded, long messagesAcknowledged, int consumerCount,
                         long deadLetterCount, RetryPolicy retryPolicy) {

    public record RetryPolicy(int maxDeliveryAttempts, long redeliveryDelayMillis, double redeliveryMultiplier,
                              String deadLetterAddress) {
    }
}
