package io.telemetryflow.platform.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform's work queues and their retry policy (reference: 05-performance.md, BullMQ queues).
 * The broker configuration in server-config/wildfly mirrors these numbers; a system test reads the
 * broker's address settings back and compares them with this table.
 *
 * <p>A message is delivered at most {@code maxAttempts} times; after attempt n fails it waits
 * {@code initialDelay × multiplier^(n-1)} (capped by {@code maxDelay}), and after the last failure
 * it moves to the queue's dead-letter queue {@code <name>.DLQ}.
 */
public enum PlatformQueue {
    OTLP_INGESTION("otlp-ingestion", 3, Duration.ofSeconds(1)),
    /** Accepted requests grouped for large ClickHouse inserts (moved from {@link #OTLP_INGESTION}). */
    OTLP_BATCHES("otlp-batches", 3, Duration.ofSeconds(1)),
    ALERT_EVALUATION("alert-evaluation", 5, Duration.ofSeconds(2)),
    AGGREGATION("aggregation", 3, Duration.ofSeconds(5)),
    CLEANUP("cleanup", 3, Duration.ofSeconds(10)),
    NOTIFICATIONS("notifications", 5, Duration.ofSeconds(3)),
    /** Audit events on their way to ClickHouse audit_logs (AuditTrail → AuditEventConsumer). */
    AUDIT_EVENTS("audit-events", 5, Duration.ofSeconds(2));

    /**
     * The JNDI names the application uses, as compile-time constants for annotations ({@code @Resource} lookups, MDB
     * activation configs); the queues' {@link #jndiName()} and {@link #deadLetterJndiName()} give the same names.
     */
    public static final class Jndi {
        static final String QUEUES = "java:/jms/queue/";
        public static final String OTLP_INGESTION = QUEUES + "otlp-ingestion";
        public static final String OTLP_INGESTION_DLQ = OTLP_INGESTION + ".DLQ";
        public static final String OTLP_BATCHES = QUEUES + "otlp-batches";
        public static final String OTLP_BATCHES_DLQ = OTLP_BATCHES + ".DLQ";
        public static final String AUDIT_EVENTS = QUEUES + "audit-events";
        public static final String AUDIT_EVENTS_DLQ = AUDIT_EVENTS + ".DLQ";
        /** One message per rule and tick (AlertScheduler → AlertEvaluationMdb). */
        public static final String ALERT_EVALUATION = QUEUES + "alert-evaluation";
        /** The live tail's non-persistent topic: no retries and no dead letters, so not one of the queues above. */
        public static final String TELEMETRY_LIVE_TOPIC = "java:/jms/topic/telemetry-live";

        private Jndi() {
        }
    }

    public static final double BACKOFF_MULTIPLIER = 2.0;
    public static final Duration MAX_DELAY = Duration.ofMinutes(5);

    private final String queueName;
    private final int maxAttempts;
    private final Duration initialDelay;

    PlatformQueue(String queueName, int maxAttempts, Duration initialDelay) {
        this.queueName = queueName;
        this.maxAttempts = maxAttempts;
        this.initialDelay = initialDelay;
    }

    public String queueName() {
        return queueName;
    }

    public String deadLetterQueueName() {
        return queueName + ".DLQ";
    }

    /** JNDI name under which the application looks the queue up. */
    public String jndiName() {
        return Jndi.QUEUES + queueName;
    }

    public String deadLetterJndiName() {
        return Jndi.QUEUES + deadLetterQueueName();
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialDelay() {
        return initialDelay;
    }

    /** The waits between consecutive attempts: maxAttempts - 1 entries. */
    public List<Duration> retryDelays() {
        List<Duration> delays = new ArrayList<>();
        double millis = initialDelay.toMillis();
        for (int attempt = 1; attempt < maxAttempts; attempt++) {
            delays.add(Duration.ofMillis((long) Math.min(millis, MAX_DELAY.toMillis())));
            millis *= BACKOFF_MULTIPLIER;
        }
        return List.copyOf(delays);
    }

    public static PlatformQueue byName(String queueName) {
        for (PlatformQueue queue : values()) {
            if (queue.queueName.equals(queueName)) {
                return queue;
            }
        }
        throw new IllegalArgumentException("no platform queue named '" + queueName + "'");
    }
}
