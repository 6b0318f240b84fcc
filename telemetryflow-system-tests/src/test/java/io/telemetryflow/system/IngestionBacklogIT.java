package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.OTLP;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Status;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.ServerBacklog;
import io.telemetryflow.testsupport.TestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The storage backlog bound: while more than {@code telemetryflow.ingest.max-backlog-bytes} (16 MiB for the test
 * server, see arquillian.xml) wait in otlp-ingestion and otlp-batches, OTLP requests get 503 with Retry-After and a
 * google.rpc.Status body and are not stored; once storage has caught up, requests are accepted again, and every
 * request that got 200 is stored exactly once. Storage is held still by pausing otlp-batches through the server's
 * management API (as Arquillian itself talks to it), so the backlog grows by exactly what the test sends.
 */
class IngestionBacklogIT extends DeployedEar {

    /** -Dtelemetryflow.ingest.max-backlog-bytes in arquillian.xml. */
    private static final long MAX_BACKLOG_BYTES = 16L * 1024 * 1024;
    /** About 0.8 MiB of protobuf per request: under the broker's 1 MiB large-message threshold. */
    private static final int RECORDS_PER_REQUEST = 800;
    private static final int BODY_CHARS = 1000;
    /** 20 requests cross the bound; 100 (about 80 MiB) without a 503 means the bound does not work. */
    private static final int MAX_REQUESTS = 100;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);

    // HTTP/1.1: a refused request's body is never read by the server, which then drains it; keep that plain
    private static final HttpClient HTTP_CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String service = "backlog-test-" + UUID.randomUUID();
    private String keyId;
    private String keySecret;

    @BeforeEach
    void readBootstrapKey() throws Exception {
        TestEnvironment.BootstrapKey key = TestEnvironment.bootstrapKey();
        keyId = key.keyId();
        keySecret = key.secret();
    }

    @Test
    void fullBacklogAnswers503UntilStorageCatchesUpAndAcceptedRequestsAreStoredOnce() throws Exception {
        long requestBytes = request(0).getSerializedSize();
        assertThat(requestBytes).as("request size").isBetween(512L * 1024, 1024L * 1024 - 1);

        int accepted = 0;
        HttpResponse<byte[]> refused = null;
        HttpResponse<byte[]> refusedJson = null;
        try (AutoCloseable paused = pauseBatches()) {
            assertThat(batchesQueuePaused()).as("otlp-batches paused").isTrue();
            while (refused == null && accepted < MAX_REQUESTS) {
                HttpResponse<byte[]> response = send(request(accepted));
                if (response.statusCode() == 503) {
                    refused = response;
                } else {
                    assertThat(response.statusCode()).as("request " + accepted).isEqualTo(200);
                    assertThat(ExportLogsServiceResponse.parseFrom(response.body()).getPartialSuccess().getRejectedLogRecords())
                            .as("records rejected in request " + accepted).isZero();
                    accepted++;
                }
            }
            if (refused != null) {
                // an OTLP/JSON client meets the same refusal, encoded in JSON
                refusedJson = send("application/json", "{}".getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(batchesQueuePaused()).as("otlp-batches paused").isFalse();

        assertThat(refused).as("a 503 within " + MAX_REQUESTS + " requests of " + requestBytes + " bytes").isNotNull();
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/x-protobuf"));
        Status status = Status.parseFrom(refused.body());
        assertThat(status.getCode()).as("google.rpc.Code UNAVAILABLE").isEqualTo(14);
        assertThat(status.getMessage()).contains("backlog");
        assertThat(refusedJson.statusCode()).isEqualTo(503);
        Status jsonStatus = TestEnvironment.otlpJsonStatus(refusedJson);
        assertThat(jsonStatus.getCode()).isEqualTo(14);
        assertThat(jsonStatus.getMessage()).contains("backlog");
        // storage was paused, so every accepted request is still queued: the first 503 comes once the accepted payload
        // is over the bound, at most one request later. The lower limit is loose because one reading of the two queues
        // can count a batch twice while the batcher moves it from otlp-ingestion to otlp-batches.
        assertThat(accepted * requestBytes).as("bytes accepted before the first 503")
                .isGreaterThan(MAX_BACKLOG_BYTES / 4)
                .isLessThanOrEqualTo(MAX_BACKLOG_BYTES + requestBytes);
        int refusedRequest = accepted;

        // storage resumes: exactly the accepted records arrive, none of the refused request
        awaitStoredRecords(accepted * (long) RECORDS_PER_REQUEST);

        // the backlog is gone once the stored batches are acknowledged too: requests are accepted again
        backlog().awaitQueuesEmpty(ServerBacklog.INGESTION_QUEUES);
        HttpResponse<byte[]> again = send(request(refusedRequest + 1));
        assertThat(again.statusCode()).as("request after the backlog drained").isEqualTo(200);
        assertThat(ExportLogsServiceResponse.parseFrom(again.body()).getPartialSuccess().getRejectedLogRecords()).isZero();
        long expected = (accepted + 1L) * RECORDS_PER_REQUEST;
        awaitStoredRecords(expected);
        backlog().awaitIngestionAfterMarker();
        assertThat(clickHouse("SELECT count(), uniqExact(body), uniqExact(substring(body, 1, 12)), "
                + "countIf(startsWith(body, '" + requestPrefix(refusedRequest) + "')) "
                + "FROM telemetryflow.otel_logs WHERE service_name = '" + service + "' FORMAT TSV"))
                .as("rows, distinct records, distinct requests, rows of the refused request")
                .isEqualTo(expected + "\t" + expected + "\t" + (accepted + 1) + "\t0");
    }

    /** Request {@code number}: {@link #RECORDS_PER_REQUEST} log records with bodies unique across the test. */
    private ExportLogsServiceRequest request(int number) {
        long now = TestEnvironment.nowNanos();
        String padding = "x".repeat(BODY_CHARS);
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (int record = 0; record < RECORDS_PER_REQUEST; record++) {
            scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(now + record)
                    .setBody(AnyValue.newBuilder().setStringValue(requestPrefix(number) + "record %04d ".formatted(record) + padding)));
        }
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue(service))))
                .addScopeLogs(scope)).build();
    }

    /** The first 12 characters of every record body of request {@code number}. */
    private static String requestPrefix(int number) {
        return "request %03d ".formatted(number);
    }

    private HttpResponse<byte[]> send(ExportLogsServiceRequest request) throws Exception {
        return send("application/x-protobuf", request.toByteArray());
    }

    private HttpResponse<byte[]> send(String contentType, byte[] body) throws Exception {
        return HTTP_CLIENT.send(HttpRequest.newBuilder(URI.create(OTLP + "/v1/logs")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .header("X-API-Key-ID", keyId).header("X-API-Key-Secret", keySecret)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Waits until ClickHouse holds exactly {@code expected} records of this test's service; fails on more. */
    private void awaitStoredRecords(long expected) throws Exception {
        String query = "SELECT count() FROM telemetryflow.otel_logs WHERE service_name = '" + service + "'";
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        String stored = clickHouse(query);
        while (!stored.equals(String.valueOf(expected)) && System.nanoTime() < deadline) {
            assertThat(Long.parseLong(stored)).as("records stored").isLessThanOrEqualTo(expected);
            Thread.sleep(500);
            stored = clickHouse(query);
        }
        assertThat(stored).as("records stored within " + DRAIN_TIMEOUT).isEqualTo(String.valueOf(expected));
    }

    private static String clickHouse(String query) throws Exception {
        HttpResponse<String> response = TestEnvironment.post(TestEnvironment.clickHouseHttp(), query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().strip();
    }

    /**
     * Pauses delivery from otlp-batches (messages still arrive; the storing MDB gets none while paused) until the
     * returned resource is closed, which resumes it and waits (bounded) until the backlog has drained: a test that
     * fails midway must not leave a full backlog, and 503s, to the classes that run after it.
     */
    private AutoCloseable pauseBatches() throws Exception {
        batchesQueue("pause");
        return () -> {
            batchesQueue("resume");
            backlog().awaitQueuesEmpty(ServerBacklog.INGESTION_QUEUES);
        };
    }

    /** pause or resume delivery from otlp-batches. */
    private void batchesQueue(String operation) throws Exception {
        ModelNode result = management.getControllerClient().execute(Operations.createOperation(operation, batchesQueueAddress()));
        assertThat(Operations.isSuccessfulOutcome(result)).as(operation + " otlp-batches: " + result).isTrue();
    }

    private boolean batchesQueuePaused() {
        return backlog().queueAttribute("otlp-batches", "paused").asBoolean();
    }

    private ServerBacklog backlog() {
        return new ServerBacklog(management.getControllerClient());
    }

    private static ModelNode batchesQueueAddress() {
        return Operations.createAddress("subsystem", "messaging-activemq", "server", "default", "jms-queue", "otlp-batches");
    }
}
