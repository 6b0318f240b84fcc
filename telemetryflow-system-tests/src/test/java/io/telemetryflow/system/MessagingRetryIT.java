package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.HTTP;
import static io.telemetryflow.testsupport.TestEnvironment.get;
import static io.telemetryflow.testsupport.TestEnvironment.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.platform.messaging.PlatformQueue;
import io.telemetryflow.system.probe.ProbeRecorder;
import io.telemetryflow.system.probe.ProbeServlet;
import io.telemetryflow.system.probe.RetryProbeMdb;
import io.telemetryflow.testsupport.Readiness;
import io.telemetryflow.testsupport.TestEnvironment;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A message whose consumer keeps failing is redelivered with the configured backoff and lands in
 * the queue's dead-letter queue after the configured number of attempts (aggregation: 3 attempts,
 * 5 s then 10 s apart), through a real MDB on the embedded Artemis broker.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MessagingRetryIT {

    @Deployment(name = "platform", order = 1, testable = false)
    static Archive<?> platform() {
        return TestEnvironment.ear();
    }

    @Deployment(name = "retry-probe", order = 2, testable = false)
    static Archive<?> probe() {
        return ShrinkWrap.create(WebArchive.class, "retry-probe.war")
                .addClasses(RetryProbeMdb.class, ProbeRecorder.class, ProbeRecorder.Attempt.class, ProbeServlet.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Test
    void failingMessageIsRetriedWithBackoffThenDeadLettered() throws Exception {
        PlatformQueue queue = PlatformQueue.AGGREGATION;
        String id = UUID.randomUUID().toString();
        assertThat(post(HTTP + "/retry-probe/send?id=" + id, "").statusCode()).isEqualTo(202);

        long deadline = System.currentTimeMillis() + 90_000;
        while (!get(HTTP + "/retry-probe/dead-letters?id=" + id).body().equals("1")) {
            assertThat(System.currentTimeMillis()).as("probe message reached " + queue.deadLetterQueueName()).isLessThan(deadline);
            Thread.sleep(250);
        }
        // the dead-letter queue has it: no further delivery may follow
        Thread.sleep(queue.retryDelays().get(queue.retryDelays().size() - 1).toMillis());
        List<long[]> attempts = Arrays.stream(get(HTTP + "/retry-probe/attempts?id=" + id).body().split("\n"))
                .map(line -> Arrays.stream(line.split("@")).mapToLong(Long::parseLong).toArray())
                .toList();

        assertThat(attempts).hasSize(queue.maxAttempts());
        assertThat(attempts.stream().mapToLong(a -> a[0]).toArray()).containsExactly(1, 2, 3);
        for (int i = 1; i < attempts.size(); i++) {
            long waited = attempts.get(i)[1] - attempts.get(i - 1)[1];
            long configured = queue.retryDelays().get(i - 1).toMillis();
            // the broker never redelivers early; allow scheduling slack below only for clock granularity
            assertThat(waited).as("wait before attempt " + (i + 1)).isGreaterThanOrEqualTo(configured - 50);
        }

        // the operator's queue view (readiness data, from QueueStatsService) counts the dead letter
        String reading = Readiness.checksByName(Readiness.awaitReady(Duration.ofSeconds(30)))
                .get("messaging").getJsonObject("data").getString(queue.queueName());
        assertThat(reading).containsPattern("deadLetters=[1-9]").contains("consumers=1");
    }
}
