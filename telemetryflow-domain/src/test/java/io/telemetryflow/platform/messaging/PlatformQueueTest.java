package io.telemetryflow.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlatformQueueTest {

    @Test
    void retryPolicyMirrorsReference() {
        assertThat(PlatformQueue.OTLP_INGESTION.retryDelays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(PlatformQueue.ALERT_EVALUATION.retryDelays())
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16));
        assertThat(PlatformQueue.AGGREGATION.retryDelays()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(PlatformQueue.CLEANUP.retryDelays()).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20));
        assertThat(PlatformQueue.NOTIFICATIONS.retryDelays())
                .containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(6), Duration.ofSeconds(12), Duration.ofSeconds(24));
        assertThat(PlatformQueue.AUDIT_EVENTS.retryDelays())
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16));
    }

    @Test
    void namesQueueAndDeadLetterQueue() {
        assertThat(PlatformQueue.OTLP_INGESTION.queueName()).isEqualTo("otlp-ingestion");
        assertThat(PlatformQueue.OTLP_INGESTION.deadLetterQueueName()).isEqualTo("otlp-ingestion.DLQ");
        assertThat(PlatformQueue.OTLP_INGESTION.jndiName()).isEqualTo("java:/jms/queue/otlp-ingestion");
        assertThat(PlatformQueue.byName("notifications")).isEqualTo(PlatformQueue.NOTIFICATIONS);
        assertThat(PlatformQueue.byName("audit-events")).isEqualTo(PlatformQueue.AUDIT_EVENTS);
        assertThatThrownBy(() -> PlatformQueue.byName("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theConstantsForAnnotationsAreTheQueuesJndiNames() {
        assertThat(PlatformQueue.Jndi.OTLP_INGESTION).isEqualTo(PlatformQueue.OTLP_INGESTION.jndiName());
        assertThat(PlatformQueue.Jndi.OTLP_INGESTION_DLQ).isEqualTo(PlatformQueue.OTLP_INGESTION.deadLetterJndiName())
                .isEqualTo("java:/jms/queue/otlp-ingestion.DLQ");
        assertThat(PlatformQueue.Jndi.OTLP_BATCHES).isEqualTo(PlatformQueue.OTLP_BATCHES.jndiName());
        assertThat(PlatformQueue.Jndi.OTLP_BATCHES_DLQ).isEqualTo(PlatformQueue.OTLP_BATCHES.deadLetterJndiName());
        assertThat(PlatformQueue.Jndi.AUDIT_EVENTS).isEqualTo(PlatformQueue.AUDIT_EVENTS.jndiName());
        assertThat(PlatformQueue.Jndi.AUDIT_EVENTS_DLQ).isEqualTo(PlatformQueue.AUDIT_EVENTS.deadLetterJndiName());
    }
}
