package io.telemetryflow.platform.health;

import io.telemetryflow.platform.messaging.QueueStats;
import io.telemetryflow.platform.messaging.QueueStatsService;
import io.telemetryflow.platform.messaging.QueueStatsService.QueueReading;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Every platform queue and its dead-letter queue exist on the broker. The data carries each
 * queue's depth, consumers, dead letters and effective retry policy: the operator's queue view.
 */
@Readiness
@ApplicationScoped
public class MessagingHealthCheck implements HealthCheck {

    @Inject
    QueueStatsService queues;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("messaging").up();
        for (QueueReading reading : queues.readAll()) {
            String name = reading.queue().queueName();
            if (reading.problem().isPresent()) {
                response.down().withData(name, reading.problem().get());
                continue;
            }
            QueueStats stats = reading.stats().orElseThrow();
            QueueStats.RetryPolicy retry = stats.retryPolicy();
            response.withData(name, "messages=" + stats.messageCount()
                    + " delivering=" + stats.deliveringCount()
                    + " scheduled=" + stats.scheduledCount()
                    + " consumers=" + stats.consumerCount()
                    + " deadLetters=" + stats.deadLetterCount()
                    + " maxAttempts=" + retry.maxDeliveryAttempts()
                    + " redeliveryDelayMs=" + retry.redeliveryDelayMillis()
                    + " multiplier=" + retry.redeliveryMultiplier()
                    + " deadLetterAddress=" + retry.deadLetterAddress());
        }
        return response.build();
    }
}
