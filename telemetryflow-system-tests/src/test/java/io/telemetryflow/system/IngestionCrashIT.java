package io.telemetryflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sustained ingestion, {@code kill -9} of the application server mid-stream, restart: every span the
 * server acknowledged with 200 is in ClickHouse exactly once. Runs its own WildFly (port offset 200,
 * its own server directory and broker journal) from the installation the test command prepared, so
 * it can kill it without disturbing the Arquillian-managed server.
 */
class IngestionCrashIT {

    private static final int OFFSET = 200;
    private static final String HTTP = "http://127.0.0.1:" + (8080 + OFFSET);
    private static final int CLIENTS = 4;
    private static final int SPANS_PER_REQUEST = 50;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String service = "crash-test-" + UUID.randomUUID();
    private ExtraServer server;

    @AfterEach
    void removeServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void acknowledgedSpansSurviveKillMinus9ExactlyOnce() throws Exception {
        server = new ExtraServer(OFFSET, Map.of(
                "TELEMETRYFLOW_HAZELCAST_PORT", "5901",
                "TELEMETRYFLOW_HAZELCAST_CLUSTER_NAME", "telemetryflow-crash-test",
                "TELEMETRYFLOW_INGEST_RATE_LIMIT_PER_MINUTE", "1000000"));
        server.start();
        JsonObject key = TestEnvironment.json(Files.readString(server.file("bootstrap-api-key.json")));

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            clients.submit(() -> sendUntilStopped(key, running, acknowledged));
        }
        // let acknowledged batches pile up in the broker and in ClickHouse, then crash mid-stream
        awaitAcknowledged(acknowledged, 2_000, Duration.ofSeconds(60));
        server.stop(true);
        Thread.sleep(1_000);
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        int acknowledgedBeforeCrash = acknowledged.size();
        int storedAtCrash = storedSpanCounts().size();

        server.start();
        Map<String, Long> stored = awaitStored(acknowledged, Duration.ofSeconds(120));
        // how much was still only in the broker (or in flight) when the server died
        // a figure for the build log, not an assertion: how much the crash caught in flight
        System.err.printf("IngestionCrashIT: %d spans acknowledged, %d stored when the server was killed, %d stored after restart%n",
                acknowledgedBeforeCrash, storedAtCrash, stored.size());
        assertThat(acknowledgedBeforeCrash).isGreaterThanOrEqualTo(2_000);
        assertThat(stored.keySet()).as("every acknowledged span is stored").containsAll(acknowledged);
        assertThat(stored.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("no span is stored twice").isEmpty();
    }

    private void sendUntilStopped(JsonObject key, AtomicBoolean running, Set<String> acknowledged) {
        while (running.get()) {
            List<String> spanIds = new ArrayList<>(SPANS_PER_REQUEST);
            byte[] body = request(spanIds).toByteArray();
            try {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(HTTP + "/v1/traces"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-protobuf")
                        .header("X-API-Key-ID", key.getString("apiKeyId"))
                        .header("X-API-Key-Secret", key.getString("apiKeySecret"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200
                        && ExportTraceServiceResponse.parseFrom(response.body()).getPartialSuccess().getRejectedSpans() == 0) {
                    acknowledged.addAll(spanIds);
                }
            } catch (IOException e) {
                pause(); // the server is down: not acknowledged, so nothing is promised
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private ExportTraceServiceRequest request(List<String> spanIds) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] traceId = new byte[16];
        random.nextBytes(traceId);
        long now = Instant.now().toEpochMilli() * 1_000_000L;
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < SPANS_PER_REQUEST; i++) {
            byte[] spanId = new byte[8];
            random.nextBytes(spanId);
            spanIds.add(HexFormat.of().formatHex(spanId));
            scope.addSpans(Span.newBuilder().setTraceId(ByteString.copyFrom(traceId)).setSpanId(ByteString.copyFrom(spanId))
                    .setName("op-" + i).setStartTimeUnixNano(now).setEndTimeUnixNano(now + 1_000_000));
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue(service))))
                .addScopeSpans(scope)).build();
    }

    private Map<String, Long> awaitStored(Set<String> acknowledged, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> stored = Map.of();
        while (System.nanoTime() < deadline) {
            stored = storedSpanCounts();
            if (stored.keySet().containsAll(acknowledged)) {
                // the last redelivered batches may still be landing; one more look catches duplicates among them
                Thread.sleep(3_000);
                return storedSpanCounts();
            }
            Thread.sleep(1_000);
        }
        return stored;
    }

    private Map<String, Long> storedSpanCounts() throws Exception {
        HttpResponse<String> response = TestEnvironment.post(TestEnvironment.clickHouseHttp(),
                "SELECT span_id, count() FROM telemetryflow.otel_traces WHERE service_name = '" + service + "' GROUP BY span_id FORMAT TSV");
        Map<String, Long> counts = new ConcurrentHashMap<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank()) {
                String[] columns = line.split("\t");
                counts.put(columns[0], Long.parseLong(columns[1]));
            }
        }
        return counts;
    }

    private static void awaitAcknowledged(Set<String> acknowledged, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + acknowledged.size() + " spans acknowledged within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
