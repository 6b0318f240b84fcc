package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.OTLP;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.telemetryflow.testsupport.OtlpJson;
import io.telemetryflow.testsupport.TestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform counts its own ingestion through MicroProfile Telemetry and the server's OpenTelemetry SDK exports it
 * over OTLP (to {@link SelfMetricsReceiver}, as arquillian.xml configures): exact request and item deltas per signal,
 * outcome and tenant, store durations and the queue backlog gauges.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IngestionMetricsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration EXPORT_WAIT = Duration.ofSeconds(60);

    @Deployment(testable = false)
    static EnterpriseArchive platform() {
        return TestEnvironment.ear();
    }

    @Test
    void requestsAndItemsAreCountedPerSignalOutcomeAndTenantAndExported() throws Exception {
        TestEnvironment.BootstrapKey key = TestEnvironment.bootstrapKey();
        String keyId = key.keyId();
        String secret = key.secret();
        String tenant = TestEnvironment.bootstrapKeyTenancy()[2];
        // the first export collected after this point counts everything recorded before (recording is synchronous)
        long start = SelfMetricsReceiver.exports();
        Map<String, Long> before = counters(awaitExport(start + 1, export -> true));

        // two requests of three spans, one of them with an all-zero trace id: 200 with partial success each
        for (int i = 0; i < 2; i++) {
            assertThat(post("/v1/traces", "application/json", threeSpansOneInvalid(), keyId, secret).statusCode()).isEqualTo(200);
        }
        assertThat(post("/v1/traces", "application/json", threeSpansOneInvalid(), keyId, "tfs_" + "b".repeat(52)).statusCode()).isEqualTo(401);
        assertThat(post("/v1/logs", "text/plain", "hello", keyId, secret).statusCode()).isEqualTo(415);

        Map<String, Long> expected = new TreeMap<>(Map.of(
                "requests signal=traces tenant=" + tenant + " outcome=accepted", 2L,
                "requests signal=traces tenant= outcome=unauthorized", 1L,
                "requests signal=logs tenant=" + tenant + " outcome=invalid", 1L,
                "items signal=traces tenant=" + tenant + " outcome=accepted", 4L,
                "items signal=traces tenant=" + tenant + " outcome=rejected", 2L));
        ExportMetricsServiceRequest after = awaitExport(start + 2, export -> delta(before, counters(export), expected.keySet()).equals(expected));

        assertThat(delta(before, counters(after), expected.keySet())).isEqualTo(expected);
        Map<String, Metric> byName = metrics(after);
        assertThat(byName.get("telemetryflow.ingest.store.duration").getHistogram().getDataPointsList())
                .as("batches were stored and timed").anySatisfy(point -> assertThat(point.getCount()).isPositive());
        assertThat(byName.get("telemetryflow.ingest.queue.messages").getGauge().getDataPointsList().stream()
                .map(point -> label(point.getAttributesList(), "queue")).collect(Collectors.toSet()))
                .isEqualTo(Set.of("otlp-ingestion", "otlp-batches"));
        assertThat(byName.get("telemetryflow.ingest.queue.bytes").getGauge().getDataPointsList()).hasSize(2);
    }

    private static String threeSpansOneInvalid() {
        long now = TestEnvironment.nowNanos();
        return OtlpJson.traces(List.of(OtlpJson.spans(List.of(OtlpJson.service("metrics-it")),
                OtlpJson.span("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174", "GET /metrics-it", now, now + 1000),
                OtlpJson.span("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b175", "GET /metrics-it", now, now + 2000),
                OtlpJson.span("00000000000000000000000000000000", "eee19b7ec3c1b176", "GET /metrics-it", now, now + 3000))));
    }

    private static HttpResponse<String> post(String path, String contentType, String body, String keyId, String secret) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(OTLP + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).header("X-API-Key-ID", keyId).header("X-API-Key-Secret", secret)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (bounded) for the {@code sequence}th export or a later one that satisfies the condition. */
    private static ExportMetricsServiceRequest awaitExport(long sequence, Predicate<ExportMetricsServiceRequest> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + EXPORT_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var latest = SelfMetricsReceiver.exports() >= sequence ? SelfMetricsReceiver.latest() : Optional.<ExportMetricsServiceRequest>empty();
            if (latest.isPresent() && condition.test(latest.get())) {
                return latest.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no matching metrics export within " + EXPORT_WAIT + "; last: "
                + SelfMetricsReceiver.latest().map(IngestionMetricsIT::counters).orElse(Map.of()));
    }

    private static Map<String, Metric> metrics(ExportMetricsServiceRequest export) {
        Map<String, Metric> byName = new HashMap<>();
        export.getResourceMetricsList().forEach(resource -> resource.getScopeMetricsList().forEach(scope ->
                scope.getMetricsList().forEach(metric -> byName.put(metric.getName(), metric))));
        return byName;
    }

    /** The cumulative counters as "requests|items attr=value ..." (attributes in the order the platform sets them). */
    private static Map<String, Long> counters(ExportMetricsServiceRequest export) {
        Map<String, Long> counters = new HashMap<>();
        metrics(export).forEach((name, metric) -> {
            if (metric.hasSum() && name.startsWith("telemetryflow.ingest.")) {
                metric.getSum().getDataPointsList().forEach(point -> {
                    StringBuilder id = new StringBuilder(name.substring("telemetryflow.ingest.".length()));
                    for (String attribute : new String[]{"signal", "tenant", "outcome"}) {
                        String value = label(point.getAttributesList(), attribute);
                        if (value != null) {
                            id.append(' ').append(attribute).append('=').append(value);
                        }
                    }
                    counters.put(id.toString(), point.getAsInt());
                });
            }
        });
        return counters;
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after, Set<String> keys) {
        Map<String, Long> delta = new TreeMap<>();
        for (String key : keys) {
            delta.put(key, after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L));
        }
        return delta;
    }

    private static String label(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(kv -> kv.getKey().equals(key)).map(kv -> kv.getValue().getStringValue()).findFirst().orElse(null);
    }
}
