package io.telemetryflow.alerting;

import io.telemetryflow.platform.messaging.PlatformQueue;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.time.Instant;
import java.util.UUID;

/**
 * Alerting's port to the alert-evaluation queue: its JNDI name and message properties. One message per rule and tick,
 * sent in the scheduler's transaction (so a tick is enqueued exactly when its claim commits), carrying Artemis's
 * duplicate-detection id {@code ruleId:tickEpochSecond}: a second send of the same tick to the broker is dropped.
 */
@ApplicationScoped
class AlertQueue {

    static final String RULE_ID = "tfRuleId";
    static final String TICK = "tfTickEpochMillis";
    /** org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID, spelled out: the API jar is not on our path. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    /** A rule's tick, as read back from a message. */
    record Due(UUID ruleId, Instant tick) {
    }

    @Inject
    JMSContext jms;

    @Resource(lookup = PlatformQueue.Jndi.ALERT_EVALUATION)
    Queue queue;

    void send(Iterable<Due> due) {
        JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
        for (Due rule : due) {
            producer.setProperty(RULE_ID, rule.ruleId().toString()).setProperty(TICK, rule.tick().toEpochMilli())
                    .setProperty(DUPLICATE_ID, duplicateId(rule)).send(queue, "");
        }
    }

    static String duplicateId(Due due) {
        return due.ruleId() + ":" + due.tick().getEpochSecond();
    }

    static Due read(Message message) throws JMSException {
        return new Due(UUID.fromString(message.getStringProperty(RULE_ID)), Instant.ofEpochMilli(message.getLongProperty(TICK)));
    }
}
