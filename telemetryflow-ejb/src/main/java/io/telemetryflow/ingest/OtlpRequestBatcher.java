package io.telemetryflow.ingest;

import io.telemetryflow.platform.messaging.PlatformQueue;
import io.telemetryflow.platform.messaging.QueueStatsService;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Moves accepted requests from otlp-ingestion to otlp-batches in groups: the delivered request plus what else is
 * waiting, up to {@link #MAX_REQUESTS} requests or {@link #MAX_BYTES} of payload, become one {@link IngestBatch}
 * message. Receiving the requests and sending the batch are one transaction, so every request ends up in exactly one
 * batch, and the batch's id (its ClickHouse deduplication token) names the same content on every redelivery.
 * <p>
 * While the storing MDBs keep up, a batch is only what is waiting right now, so nothing is delayed. When batches
 * queue up behind ClickHouse, the batcher also waits up to {@link #MAX_LINGER} for more requests: fewer, larger
 * inserts are what lets ClickHouse catch up.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = PlatformQueue.Jndi.OTLP_INGESTION),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
})
public class OtlpRequestBatcher implements MessageListener {

    /** ClickHouse's guidance is inserts of 10,000-100,000 rows: 100 SDK-sized requests or 8 MiB of protobuf. */
    static final int MAX_REQUESTS = 100;
    static final long MAX_BYTES = 8L * 1024 * 1024;
    static final Duration MAX_LINGER = Duration.ofSeconds(1);
    /** Batches waiting beyond which the store counts as behind (a couple per storing session of OtlpBatchMdb). */
    static final long STORE_BEHIND = 4;

    @Inject
    QueueStatsService queues;

    @Inject
    IngestQueues ingestQueues;

    @Override
    public void onMessage(Message first) {
        try {
            List<IngestBatch.Request> requests = new ArrayList<>();
            long bytes = add(requests, first);
            long lingerUntil = System.nanoTime() + (storeBehind() ? MAX_LINGER.toNanos() : 0);
            try (JMSConsumer waiting = ingestQueues.waitingRequests()) {
                while (requests.size() < MAX_REQUESTS && bytes < MAX_BYTES) {
                    long lingerMillis = TimeUnit.NANOSECONDS.toMillis(lingerUntil - System.nanoTime());
                    Message next = lingerMillis > 0 ? waiting.receive(lingerMillis) : waiting.receiveNoWait();
                    if (next == null) {
                        break;
                    }
                    bytes += add(requests, next);
                }
            }
            ingestQueues.sendBatch(requests);
        } catch (JMSException e) {
            // rolls everything back: the broker redelivers the requests with backoff
            throw new IllegalStateException("cannot batch ingestion requests", e);
        }
    }

    private boolean storeBehind() {
        return queues.messageCount(PlatformQueue.OTLP_BATCHES).orElse(0) > STORE_BEHIND;
    }

    /** Adds the request a message carries; returns its payload size. */
    private static long add(List<IngestBatch.Request> requests, Message message) throws JMSException {
        IngestBatch.Request request = IngestQueues.request(message);
        requests.add(request);
        return request.payload().length;
    }
}
