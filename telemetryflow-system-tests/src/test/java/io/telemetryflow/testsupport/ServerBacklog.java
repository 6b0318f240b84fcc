package io.telemetryflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * The work a server still has in hand, read through its management API: messages in its broker queues (waiting,
 * scheduled for a later delivery, or being delivered) and tasks of its default managed executor.
 * <p>
 * For tests that assert something did NOT happen (a refused item not stored, a batch not stored twice, a mail not
 * sent): first a marker sent later is seen to arrive, then the work that could still make the earlier thing happen is
 * seen to be gone. A marker alone is not enough here: both ingestion MDBs and the audit MDB run two sessions, retries
 * are re-queued with a delivery delay and the mails go to a thread pool, so a later item can overtake an earlier one.
 * An empty queue is read twice in a row, because a batch moves between the two ingestion queues in one transaction
 * whose acknowledgement and send may not become visible at the same instant.
 */
public final class ServerBacklog {

    public static final List<String> INGESTION_QUEUES = List.of("otlp-ingestion", "otlp-batches");
    private static final Duration DEFAULT_BOUND = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ModelControllerClient management;
    private final Duration bound;

    public ServerBacklog(ModelControllerClient management) {
        this(management, DEFAULT_BOUND);
    }

    /** {@code bound}: how long a wait may take before it fails. */
    public ServerBacklog(ModelControllerClient management, Duration bound) {
        this.management = management;
        this.bound = bound;
    }

    /** {@link #awaitIngestionAfterMarker(String, String, String)} on the Arquillian-managed server with its bootstrap key. */
    public void awaitIngestionAfterMarker() throws Exception {
        TestEnvironment.BootstrapKey key = TestEnvironment.bootstrapKey();
        awaitIngestionAfterMarker(TestEnvironment.HTTP, key.keyId(), key.secret());
    }

    /**
     * Sends a span of a service of its own to {@code http}, waits until ClickHouse has it, then until the ingestion
     * queues are empty: whatever was acknowledged before has been stored, dead-lettered or dropped by then.
     */
    public void awaitIngestionAfterMarker(String http, String keyId, String keySecret) throws Exception {
        String service = "marker-" + UUID.randomUUID();
        long now = TestEnvironment.nowNanos();
        String span = OtlpJson.traces(List.of(OtlpJson.spans(List.of(OtlpJson.service(service)),
                OtlpJson.span(hex(32), hex(16), "marker", now, now + 1_000_000))));
        HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(URI.create(http + "/v1/traces")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-API-Key-ID", keyId).header("X-API-Key-Secret", keySecret)
                .POST(HttpRequest.BodyPublishers.ofString(span)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as("marker span: " + sent.body()).isEqualTo(200);
        TestEnvironment.awaitRows("SELECT span_id FROM telemetryflow.otel_traces WHERE service_name = '" + service + "'", 1);
        awaitQueuesEmpty(INGESTION_QUEUES);
    }

    /**
     * Has a refused sign-in of an address of its own audited, waits until ClickHouse has that row, then until
     * audit-events is empty: every audit event recorded before has been stored or dead-lettered by then.
     */
    public void awaitAuditAfterMarker() throws Exception {
        String email = "marker-" + UUID.randomUUID() + "@example.com";
        assertThat(TestEnvironment.call("POST", "/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"not-it\"}")
                .statusCode()).isEqualTo(401);
        TestEnvironment.awaitRows("SELECT id FROM telemetryflow.audit_logs WHERE user_email = '" + email + "'", 1);
        awaitQueuesEmpty(List.of("audit-events"));
    }

    /** Waits until none of the queues holds a message (waiting, scheduled or being delivered), in two looks in a row. */
    public void awaitQueuesEmpty(List<String> queues) throws Exception {
        awaitTwiceInARow("messages left in " + queues, () -> queues.stream().allMatch(queue -> messages(queue) == 0),
                () -> queues.stream().map(queue -> queue + ": " + messages(queue) + " (delivering " + queueAttribute(queue, "delivering-count")
                        + ", scheduled " + queueAttribute(queue, "scheduled-count") + ")").collect(Collectors.joining(", ")));
    }

    /**
     * Waits until the queue holds a message that a failed store attempt re-queued for a later delivery (it carries the
     * attempt count, tfStoreAttempts, that only the consumers' outage path sets).
     */
    public void awaitRequeuedAfterFailedStore(String queue) throws Exception {
        ModelNode list = Operations.createOperation("list-scheduled-messages", queueAddress(queue));
        long deadline = System.nanoTime() + bound.toNanos();
        while (execute(list).asList().stream().noneMatch(message -> message.has("tfStoreAttempts"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no message re-queued by a failed store attempt in " + queue + " within " + bound);
            }
            Thread.sleep(100);
        }
    }

    /** Waits until the default managed executor (background mails, parallel inserts) runs and holds no task. */
    public void awaitDefaultExecutorIdle() throws Exception {
        ModelNode executor = Operations.createAddress("subsystem", "ee", "managed-executor-service", "default");
        // the queue before the threads: a task leaves the queue before its thread counts as active
        awaitTwiceInARow("default executor idle", () -> read(executor, "current-queue-size").asInt() == 0
                        && read(executor, "active-thread-count").asInt() == 0,
                () -> "queued " + read(executor, "current-queue-size") + ", active " + read(executor, "active-thread-count"));
    }

    public ModelNode queueAttribute(String queue, String attribute) {
        return read(queueAddress(queue), attribute);
    }

    private static ModelNode queueAddress(String queue) {
        return Operations.createAddress("subsystem", "messaging-activemq", "server", "default", "jms-queue", queue);
    }

    private static String hex(int digits) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, digits);
    }

    private long messages(String queue) {
        return queueAttribute(queue, "message-count").asLong();
    }

    private ModelNode read(ModelNode address, String attribute) {
        return execute(Operations.createReadAttributeOperation(address, attribute));
    }

    private ModelNode execute(ModelNode operation) {
        try {
            ModelNode result = management.execute(operation);
            assertThat(Operations.isSuccessfulOutcome(result)).as(operation + ": " + result).isTrue();
            return Operations.readResult(result);
        } catch (IOException e) {
            throw new IllegalStateException("management API unreachable", e);
        }
    }

    private void awaitTwiceInARow(String what, BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        int inARow = 0;
        while (inARow < 2) {
            inARow = condition.getAsBoolean() ? inARow + 1 : 0;
            if (inARow < 2) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(what + ": not reached within " + bound + "; now " + state.get());
                }
                Thread.sleep(250);
            }
        }
    }
}
