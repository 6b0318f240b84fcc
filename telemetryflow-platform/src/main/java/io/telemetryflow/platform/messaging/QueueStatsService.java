package io.telemetryflow.platform.messaging;

import static io.telemetryflow.platform.json.Jsonp.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads the platform queues' depth and retry settings from the embedded Artemis broker through its
 * JMX management beans (enabled in server-config/wildfly/20-messaging.cli). JMX rather than the
 * server's management model keeps this to Java SE APIs, so it works on any server embedding Artemis.
 */
@ApplicationScoped
public class QueueStatsService {

    private static final String DOMAIN = "org.apache.activemq.artemis";

    private final MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
    /** Queue name → its management bean, found once by a scan of the broker's beans. */
    private final Map<String, ObjectName> beans = new ConcurrentHashMap<>();

    /** Every platform queue, in {@link PlatformQueue} order; a queue the broker lacks is reported missing. */
    public List<QueueReading> readAll() {
        List<QueueReading> readings = new ArrayList<>();
        for (PlatformQueue queue : PlatformQueue.values()) {
            readings.add(read(queue));
        }
        return readings;
    }

    public QueueReading read(PlatformQueue queue) {
        try {
            Optional<ObjectName> main = queueBean(queue.queueName());
            if (main.isEmpty()) {
                return QueueReading.missing(queue, "queue " + queue.queueName() + " is not deployed on the broker");
            }
            Optional<ObjectName> deadLetters = queueBean(queue.deadLetterQueueName());
            if (deadLetters.isEmpty()) {
                return QueueReading.missing(queue, "dead-letter queue " + queue.deadLetterQueueName() + " is not deployed on the broker");
            }
            ObjectName bean = main.get();
            QueueStats stats = new QueueStats(queue.queueName(),
                    longAttribute(bean, "MessageCount"),
                    longAttribute(bean, "DeliveringCount"),
                    longAttribute(bean, "ScheduledCount"),
                    longAttribute(bean, "MessagesAdded"),
                    longAttribute(bean, "MessagesAcknowledged"),
                    ((Number) mbeans.getAttribute(bean, "ConsumerCount")).intValue(),
                    longAttribute(deadLetters.get(), "MessageCount"),
                    retryPolicy(bean, queue));
            return QueueReading.of(queue, stats);
        } catch (JMException | RuntimeException e) {
            return QueueReading.missing(queue, "broker management unavailable: " + e);
        }
    }

    /**
     * The bytes of every message in the queue (waiting, scheduled, paged to disk, being delivered), or empty when the
     * broker cannot tell. Cheap enough for every ingestion request: the queue's management bean is found once.
     */
    public OptionalLong persistentSize(PlatformQueue queue) {
        return attribute(queue, "PersistentSize");
    }

    /** The number of messages in the queue (as {@link #persistentSize} counts them), or empty when unknown; cheap. */
    public OptionalLong messageCount(PlatformQueue queue) {
        return attribute(queue, "MessageCount");
    }

    private OptionalLong attribute(PlatformQueue queue, String attribute) {
        try {
            Optional<ObjectName> bean = queueBean(queue.queueName());
            return bean.isEmpty() ? OptionalLong.empty() : OptionalLong.of(longAttribute(bean.get(), attribute));
        } catch (JMException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private Optional<ObjectName> queueBean(String queueName) throws JMException {
        ObjectName known = beans.get(queueName);
        if (known != null && mbeans.isRegistered(known)) {
            return Optional.of(known);
        }
        // WildFly names JMS queues' core addresses with the legacy "jms.queue." prefix
        ObjectName pattern = new ObjectName(DOMAIN + ":broker=*,component=addresses,address=*,subcomponent=queues,routing-type=*,queue=*");
        Set<ObjectName> names = mbeans.queryNames(pattern, null);
        Optional<ObjectName> found = names.stream()
                .filter(name -> {
                    String queue = ObjectName.unquote(name.getKeyProperty("queue"));
                    return queue.equals(queueName) || queue.equals("jms.queue." + queueName);
                })
                .findFirst();
        found.ifPresent(bean -> beans.put(queueName, bean));
        return found;
    }

    private QueueStats.RetryPolicy retryPolicy(ObjectName queueBean, PlatformQueue queue) throws JMException {
        ObjectName broker = new ObjectName(DOMAIN + ":broker=" + queueBean.getKeyProperty("broker"));
        String address = ObjectName.unquote(queueBean.getKeyProperty("address"));
        String json = (String) mbeans.invoke(broker, "getAddressSettingsAsJSON", new Object[]{address}, new String[]{String.class.getName()});
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject settings = reader.readObject();
            return new QueueStats.RetryPolicy(
                    settings.getInt("maxDeliveryAttempts", -1),
                    settings.getJsonNumber("redeliveryDelay") == null ? -1 : settings.getJsonNumber("redeliveryDelay").longValue(),
                    settings.getJsonNumber("redeliveryMultiplier") == null ? -1 : settings.getJsonNumber("redeliveryMultiplier").doubleValue(),
                    settings.getString("DLA", settings.getString("deadLetterAddress", "")));
        }
    }

    private long longAttribute(ObjectName bean, String attribute) throws JMException {
        return ((Number) mbeans.getAttribute(bean, attribute)).longValue();
    }

    /** A queue's stats, or why they could not be read. */
    public record QueueReading(PlatformQueue queue, Optional<QueueStats> stats, Optional<String> problem) {

        static QueueReading of(PlatformQueue queue, QueueStats stats) {
            return new QueueReading(queue, Optional.of(stats), Optional.empty());
        }

        static QueueReading missing(PlatformQueue queue, String problem) {
            return new QueueReading(queue, Optional.empty(), Optional.of(problem));
        }
    }
}
