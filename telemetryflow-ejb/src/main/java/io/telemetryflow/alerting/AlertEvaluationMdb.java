package io.telemetryflow.alerting;

import io.telemetryflow.platform.messaging.PlatformQueue;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Consumes alert-evaluation: one rule and tick per message, evaluated in the delivery's transaction ({@link AlertEvaluator}). */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = PlatformQueue.Jndi.ALERT_EVALUATION),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession",
                propertyValue = "${telemetryflow.alerting.evaluation-sessions,env.TELEMETRYFLOW_ALERTING_EVALUATION_SESSIONS:4}")
})
public class AlertEvaluationMdb implements MessageListener {

    @Inject
    AlertEvaluator evaluator;

    @Override
    public void onMessage(Message message) {
        AlertQueue.Due due;
        try {
            due = AlertQueue.read(message);
        } catch (JMSException e) {
            // rolls the delivery back: the broker redelivers with backoff, then dead-letters
            throw new IllegalStateException("cannot read the alert evaluation message", e);
        }
        evaluator.evaluate(due.ruleId(), due.tick());
    }
}
