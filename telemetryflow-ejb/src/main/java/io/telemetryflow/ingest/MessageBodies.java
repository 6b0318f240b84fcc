package io.telemetryflow.ingest;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import java.io.ByteArrayOutputStream;

/**
 * Reads a bytes message's body. Artemis copies the body of a large message (one over the connection factory's
 * min-large-message-size: big requests, most batches) one byte at a time when asked through {@code getBody};
 * profiling showed that copy as the ingestion pipeline's largest cost. Its {@code JMS_AMQ_SaveStream} property
 * streams the body in chunks instead. Other brokers refuse the property on a received message, and get
 * {@code getBody}.
 */
final class MessageBodies {

    private static final String ARTEMIS_SAVE_STREAM = "JMS_AMQ_SaveStream";

    private MessageBodies() {
    }

    static byte[] read(BytesMessage message) throws JMSException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
        try {
            message.setObjectProperty(ARTEMIS_SAVE_STREAM, body);
            return body.toByteArray();
        } catch (JMSException | RuntimeException notArtemis) {
            byte[] bytes = message.getBody(byte[].class);
            return bytes == null ? new byte[0] : bytes; // an empty bytes message has no body
        }
    }
}
