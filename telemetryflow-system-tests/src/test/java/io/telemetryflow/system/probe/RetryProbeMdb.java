package io.telemetryflow.system.probe;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Test-only consumer of the aggregation queue that fails every delivery of a probe message, so
 * the broker's retry policy and dead-lettering can be observed. Deployed beside the EAR only by
 * the system test; the platform has no consumer on this queue yet (when the aggregation feature adds one, give the probe its own queue).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/aggregation"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = "probeId IS NOT NULL")
})
public class RetryProbeMdb implements MessageListener {

    @Resource
    MessageDrivenContext context;

    @Override
    public void onMessage(Message message) {
        try {
            ProbeRecorder.attempt(message.getStringProperty("probeId"), message.getIntProperty("JMSXDeliveryCount"));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        context.setRollbackOnly();
    }
}
