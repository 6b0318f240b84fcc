package io.telemetryflow.testsupport;

import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.as.controller.client.ModelControllerClient;

/**
 * A ClickHouse outage for one test, used in try-with-resources: {@link #begin()} kills the test ClickHouse the hard way
 * and waits until readiness names it DOWN; {@link #close()} starts it again and waits until the platform has recovered
 * in full: readiness UP (ClickHouse included) and the ingestion and audit queues drained of what the outage re-queued.
 * <p>
 * Recovery is bounded and failing it fails the test that caused the outage. A bare restart left a slow or failed
 * start, or a backlog of delayed retries, to whichever class ran next, which then failed for no fault of its own.
 * Under try-with-resources a failed recovery is reported with the test's own failure (suppressed) or as the failure.
 */
public final class ClickHouseOutage implements AutoCloseable {

    private static final Duration DOWN_WITHIN = Duration.ofSeconds(30);
    private static final Duration RECOVERED_WITHIN = Duration.ofSeconds(120);
    private static final List<String> STORING_QUEUES = List.of("otlp-ingestion", "otlp-batches", "audit-events");

    private final Map<String, JsonObject> checks;

    private ClickHouseOutage(Map<String, JsonObject> checks) {
        this.checks = checks;
    }

    /**
     * Kills ClickHouse and returns once readiness answers 503 with the clickhouse check DOWN: the kill is asynchronous,
     * so a test that went on at once might see ClickHouse still up and prove nothing about an outage. If that wait
     * fails, ClickHouse is brought back before the failure is thrown.
     */
    public static ClickHouseOutage begin() throws Exception {
        try {
            long pid = TestEnvironment.clickHousePid();
            ProcessHandle clickHouse = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no ClickHouse process " + pid + " to kill"));
            clickHouse.destroyForcibly();
            clickHouse.onExit().get(30, TimeUnit.SECONDS);
            JsonObject down = Readiness.await(response -> response.statusCode() == 503 && "DOWN".equals(Readiness.status(response, "clickhouse")),
                    "name clickhouse DOWN (HTTP 503)", DOWN_WITHIN);
            return new ClickHouseOutage(Readiness.checksByName(down));
        } catch (Throwable failure) {
            try {
                recover();
            } catch (Throwable recovery) {
                failure.addSuppressed(recovery);
            }
            throw failure;
        }
    }

    /** The readiness checks by name as they were once the outage was seen. */
    public Map<String, JsonObject> checks() {
        return checks;
    }

    /** Starts ClickHouse and waits for full recovery; fails if it does not come within the bound. */
    @Override
    public void close() throws Exception {
        recover();
    }

    private static void recover() throws Exception {
        long start = System.nanoTime();
        TestEnvironment.clickHouse("start"); // returns once ClickHouse answers its ping
        long answers = System.nanoTime();
        Readiness.await(response -> response.statusCode() == 200 && "UP".equals(Readiness.status(response, "clickhouse")),
                "report ClickHouse UP again (HTTP 200) after its restart", RECOVERED_WITHIN);
        long ready = System.nanoTime();
        try (ModelControllerClient management = ModelControllerClient.Factory.create("remote+http", "127.0.0.1",
                URI.create(TestEnvironment.MANAGEMENT).getPort())) {
            new ServerBacklog(management, RECOVERED_WITHIN).awaitQueuesEmpty(STORING_QUEUES);
        }
        System.err.printf("ClickHouseOutage: ClickHouse answered %d ms after the start, readiness UP %d ms later, queues drained %d ms later%n",
                TimeUnit.NANOSECONDS.toMillis(answers - start), TimeUnit.NANOSECONDS.toMillis(ready - answers),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ready));
    }
}
