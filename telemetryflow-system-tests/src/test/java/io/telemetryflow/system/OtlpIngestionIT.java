package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.HTTP;
import static io.telemetryflow.testsupport.TestEnvironment.OTLP;
import static io.telemetryflow.testsupport.TestEnvironment.awaitRows;
import static io.telemetryflow.testsupport.TestEnvironment.nowNanos;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.DefaultAggregationSelector;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.telemetryflow.testsupport.ClickHouseOutage;
import io.telemetryflow.testsupport.DefaultTenancy;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.OtlpJson;
import io.telemetryflow.testsupport.ServerBacklog;
import io.telemetryflow.testsupport.TestEnvironment;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real OpenTelemetry SDK exports to the deployed EAR with the bootstrap API key; the rows then
 * appear in ClickHouse with the exporter's exact values. The unhappy paths answer as the OTLP
 * specification says and store nothing.
 */
class OtlpIngestionIT extends DeployedEar {

    private static final HttpClient HTTP_CLIENT = HttpClient.newHttpClient();

    private String keyId;
    private String keySecret;
    private final String service = "system-test-" + UUID.randomUUID();

    @BeforeEach
    void readBootstrapKey() throws Exception {
        TestEnvironment.BootstrapKey key = TestEnvironment.bootstrapKey();
        keyId = key.keyId();
        keySecret = key.secret();
    }

    @Test
    void sdkTracesLandInClickHouseWithExactValues() throws Exception {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(OTLP + "/v1/traces")
                .addHeader("X-API-Key-ID", keyId).addHeader("X-API-Key-Secret", keySecret).setCompression("gzip").build();
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource())
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        Tracer tracer = provider.get("system-test", "1.2.3");
        Span parent = tracer.spanBuilder("checkout").setSpanKind(SpanKind.SERVER).setAttribute("http.status_code", 200L).startSpan();
        String traceId = parent.getSpanContext().getTraceId();
        try (Scope ignored = parent.makeCurrent()) {
            Span child = tracer.spanBuilder("charge card").setAttribute("retry", true).startSpan();
            child.addEvent("declined", Attributes.of(AttributeKey.stringKey("reason"), "insufficient funds"));
            child.setStatus(StatusCode.ERROR, "card declined");
            child.end();
        }
        parent.end();
        assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
        provider.shutdown().join(10, TimeUnit.SECONDS);

        String rows = awaitRows("SELECT name, kind, parent_span_id = '', status_code, status_message, attributes, attribute_types, "
                + "length(events) "
                + "FROM telemetryflow.otel_traces WHERE trace_id = '" + traceId + "' ORDER BY start_time FORMAT TSV", 2);
        assertThat(rows).contains("checkout\tSERVER\t1").contains("charge card\tINTERNAL\t0\tERROR\tcard declined")
                .contains("{'http.status_code':'200'}").contains("{'http.status_code':'int'}").contains("{'retry':'true'}");
        String tenant = TestEnvironment.post(TestEnvironment.clickHouseHttp(),
                "SELECT DISTINCT toString(tenant_id) FROM telemetryflow.otel_traces WHERE trace_id = '" + traceId + "'").body().strip();
        assertThat(tenant).isEqualTo(DefaultTenancy.read().tenantId());
    }

    @Test
    void sdkLogsAndMetricsLandInClickHouse() throws Exception {
        OtlpHttpLogRecordExporter logs = OtlpHttpLogRecordExporter.builder().setEndpoint(HTTP + "/v1/logs")
                .addHeader("X-API-Key-ID", keyId).addHeader("X-API-Key-Secret", keySecret).build();
        SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder().setResource(resource())
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs)).build();
        loggerProvider.get("system-test").logRecordBuilder().setSeverity(Severity.WARN).setSeverityText("WARN")
                .setBody("disk almost full").setAttribute(AttributeKey.doubleKey("disk.used"), 0.93).emit();
        assertThat(loggerProvider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
        loggerProvider.shutdown().join(10, TimeUnit.SECONDS);

        OtlpHttpMetricExporter metrics = OtlpHttpMetricExporter.builder().setEndpoint(OTLP + "/v1/metrics")
                .addHeader("X-API-Key-ID", keyId).addHeader("X-API-Key-Secret", keySecret).build();
        SdkMeterProvider meterProvider = SdkMeterProvider.builder().setResource(resource())
                .registerMetricReader(PeriodicMetricReader.builder(metrics).setInterval(Duration.ofHours(1)).build()).build();
        var meter = meterProvider.get("system-test");
        meter.counterBuilder("orders").setUnit("1").build().add(5);
        var latency = meter.histogramBuilder("latency").setUnit("ms").build();
        latency.record(3);
        latency.record(120);
        assertThat(meterProvider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
        meterProvider.shutdown().join(10, TimeUnit.SECONDS);

        assertThat(awaitRows("SELECT severity_number, severity_text, body, attributes FROM telemetryflow.otel_logs "
                + "WHERE service_name = '" + service + "' FORMAT TSV", 1))
                .contains("13\tWARN\tdisk almost full\t{'disk.used':'0.93'}");
        assertThat(awaitRows("SELECT metric_name, int_value, is_monotonic FROM telemetryflow.otel_metrics_sum "
                + "WHERE service_name = '" + service + "' FORMAT TSV", 1)).contains("orders\t5\ttrue");
        assertThat(awaitRows("SELECT metric_name, count, sum FROM telemetryflow.otel_metrics_histogram "
                + "WHERE service_name = '" + service + "' FORMAT TSV", 1)).contains("latency\t2\t123");
    }

    /**
     * Every instrument kind, as the SDK aggregates it, in the table of its point kind with the exact values. One
     * provider exports with the SDK defaults (cumulative, explicit-bucket histograms); a second one is configured as
     * users switch to exponential histograms and delta temporality (the exporter's default aggregation and
     * temporality selectors). Each provider exports once (forceFlush); they are shut down only after the checks,
     * because shutdown exports once more (cumulative points again, and the SDK's own metrics).
     */
    @Test
    void sdkMetricsOfEveryInstrumentKindAreStoredWithExactValues() throws Exception {
        SdkMeterProvider cumulative = SdkMeterProvider.builder().setResource(resource())
                .registerMetricReader(PeriodicMetricReader.builder(metricExporter().build()).setInterval(Duration.ofHours(1)).build())
                .build();
        SdkMeterProvider delta = SdkMeterProvider.builder().setResource(resource())
                .registerMetricReader(PeriodicMetricReader.builder(metricExporter()
                        .setAggregationTemporalitySelector(AggregationTemporalitySelector.deltaPreferred())
                        .setDefaultAggregationSelector(DefaultAggregationSelector.getDefault()
                                .with(InstrumentType.HISTOGRAM, Aggregation.base2ExponentialBucketHistogram()))
                        .build()).setInterval(Duration.ofHours(1)).build())
                .build();
        try {
            var meter = cumulative.get("system-test");
            var orders = meter.counterBuilder("orders.placed").setUnit("{order}").build();
            orders.add(3);
            orders.add(4);
            var payload = meter.counterBuilder("payload.size").ofDoubles().setUnit("KiBy").build();
            payload.add(1.5);
            payload.add(2.25);
            var depth = meter.upDownCounterBuilder("queue.depth").build();
            depth.add(10);
            depth.add(-3);
            var balance = meter.upDownCounterBuilder("account.balance").ofDoubles().build();
            balance.add(5.5);
            balance.add(-8);
            var temperature = meter.gaugeBuilder("cpu.temperature").build();
            temperature.set(41.5);
            temperature.set(42.25);
            meter.gaugeBuilder("threads.live").ofLongs().build().set(12);
            meter.gaugeBuilder("memory.ratio").buildWithCallback(measurement -> measurement.record(0.75));
            meter.gaugeBuilder("files.open").ofLongs().buildWithCallback(measurement -> measurement.record(42));
            var latency = meter.histogramBuilder("request.latency").setUnit("ms")
                    .setExplicitBucketBoundariesAdvice(List.of(10.0, 50.0, 100.0)).build();
            for (double value : new double[]{5, 10, 25, 75, 250}) {
                latency.record(value); // buckets are upper-inclusive: 10 counts in (-inf, 10]
            }
            var size = meter.histogramBuilder("response.size").ofLongs().setUnit("By")
                    .setExplicitBucketBoundariesAdvice(List.of(100L, 1000L)).build();
            size.record(100);
            size.record(1500);

            var deltaMeter = delta.get("system-test");
            var jobs = deltaMeter.counterBuilder("jobs.done").setUnit("{job}").build();
            jobs.add(2);
            jobs.add(3);
            // base-2 exponential, at most 160 buckets: 3 and 5 fit at scale 7 (bucket index ceil(log2(v) * 2^7) - 1,
            // so 202 and 297); 0 goes to the zero bucket
            var wait = deltaMeter.histogramBuilder("queue.wait").setUnit("s").build();
            wait.record(3);
            wait.record(5);
            wait.record(0);

            assertThat(cumulative.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
            assertThat(delta.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();

            String where = " WHERE service_name = '" + service + "' AND scope_name = 'system-test' ORDER BY metric_name FORMAT TSV";
            String sums = "SELECT metric_name, metric_unit, toString(value), toString(int_value), toString(aggregation_temporality), "
                    + "toString(is_monotonic) FROM telemetryflow.otel_metrics_sum" + where;
            String gauges = "SELECT metric_name, toString(value), toString(int_value) FROM telemetryflow.otel_metrics_gauge" + where;
            String histograms = "SELECT metric_name, metric_unit, toString(count), toString(sum), toString(min), toString(max), "
                    + "toString(bucket_counts), toString(explicit_bounds), toString(aggregation_temporality) "
                    + "FROM telemetryflow.otel_metrics_histogram" + where;
            String exponential = "SELECT metric_name, metric_unit, toString(count), toString(sum), toString(min), toString(max), "
                    + "toString(scale), toString(zero_count), toString(zero_threshold), toString(positive_offset), "
                    + "toString(positive_bucket_counts), toString(negative_offset), toString(negative_bucket_counts), "
                    + "toString(aggregation_temporality) FROM telemetryflow.otel_metrics_exponential_histogram" + where;
            // both exports have landed once every table has its rows; only then is an extra or misfiled row visible
            awaitRows(sums, 5);
            awaitRows(gauges, 4);
            awaitRows(histograms, 2);
            awaitRows(exponential, 1);

            // temporality is the OTLP number: 1 delta, 2 cumulative; int_value is NULL (\N) for double points
            assertThat(lines(sums)).containsExactly(
                    "account.balance\t\t-2.5\t\\N\t2\tfalse",
                    "jobs.done\t{job}\t5\t5\t1\ttrue",
                    "orders.placed\t{order}\t7\t7\t2\ttrue",
                    "payload.size\tKiBy\t3.75\t\\N\t2\ttrue",
                    "queue.depth\t\t7\t7\t2\tfalse");
            assertThat(lines(gauges)).containsExactly(
                    "cpu.temperature\t42.25\t\\N",
                    "files.open\t42\t42",
                    "memory.ratio\t0.75\t\\N",
                    "threads.live\t12\t12");
            assertThat(lines(histograms)).containsExactly(
                    "request.latency\tms\t5\t365\t5\t250\t[2,1,1,1]\t[10,50,100]\t2",
                    "response.size\tBy\t2\t1600\t100\t1500\t[1,0,1]\t[100,1000]\t2");
            List<String> positive = new ArrayList<>(Collections.nCopies(297 - 202 + 1, "0"));
            positive.set(0, "1");
            positive.set(positive.size() - 1, "1");
            assertThat(lines(exponential)).containsExactly(
                    "queue.wait\ts\t3\t8\t0\t5\t7\t1\t0\t202\t[" + String.join(",", positive) + "]\t0\t[]\t1");
        } finally {
            cumulative.shutdown().join(10, TimeUnit.SECONDS);
            delta.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void missingOrWrongKeyIsUnauthorized() throws Exception {
        assertThat(post("/v1/traces", "application/x-protobuf", new byte[0], null, null).statusCode()).isEqualTo(401);
        assertThat(post("/v1/traces", "application/x-protobuf", new byte[0], keyId, "tfs_" + "a".repeat(52)).statusCode()).isEqualTo(401);
    }

    @Test
    void badPayloadsGetTheSpecifiedStatus() throws Exception {
        assertThat(post("/v1/logs", "text/plain", "hello".getBytes(), keyId, keySecret).statusCode()).isEqualTo(415);
        assertThat(post("/v1/logs", "application/x-protobuf", new byte[]{0x0a, 0x7f, 0x01}, keyId, keySecret).statusCode()).isEqualTo(400);
        assertThat(post("/api/v2/otlp/logs", "application/json", "{\"resourceLogs\": [".getBytes(), keyId, keySecret).statusCode()).isEqualTo(400);
        HttpResponse<byte[]> empty = post("/v1/metrics", "application/json", "{}".getBytes(), keyId, keySecret);
        assertThat(empty.statusCode()).isEqualTo(200);
    }

    @Test
    void gzipBombStopsAt413() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 40; i++) {
                gzip.write(zeros); // 40 MiB inflated, over the 20 MiB limit
            }
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(HTTP + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "gzip")
                .header("X-API-Key-ID", keyId).header("X-API-Key-Secret", keySecret)
                .POST(HttpRequest.BodyPublishers.ofByteArray(compressed.toByteArray())).build();
        assertThat(HTTP_CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(413);
    }

    @Test
    void resourceNamingAnotherTenantIsRejectedAsPartialSuccess() throws Exception {
        String otherTenant = UUID.randomUUID().toString();
        String json = OtlpJson.traces(List.of(OtlpJson.spans(
                List.of(OtlpJson.service(service), OtlpJson.attribute("telemetryflow.tenant.id", otherTenant)),
                OtlpJson.span("5B8EFFF798038103D269B633813FC60C", "EEE19B7EC3C1B174", "sneaky", nowNanos(), nowNanos() + 1_000_000))));
        HttpResponse<byte[]> response = post("/v1/traces", "application/json", json.getBytes(), keyId, keySecret);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = TestEnvironment.json(new String(response.body()));
        assertThat(body.getJsonObject("partialSuccess").getString("rejectedSpans")).isEqualTo("1");
        assertThat(body.getJsonObject("partialSuccess").getString("errorMessage")).contains("tenant");
        new ServerBacklog(management.getControllerClient()).awaitIngestionAfterMarker();
        assertThat(TestEnvironment.post(TestEnvironment.clickHouseHttp(),
                "SELECT count() FROM telemetryflow.otel_traces WHERE name = 'sneaky'").body().strip()).isEqualTo("0");
    }

    @Test
    void itemsOlderThanRetentionAreReportedNotSilentlyDropped() throws Exception {
        // the published example is from 2018: ClickHouse's 30-day TTL would drop it on insert
        byte[] example = Files.readAllBytes(Path.of(System.getProperty("tf.test.otlp.examples"), "logs.json"));
        HttpResponse<byte[]> response = post("/v1/logs", "application/json", example, keyId, keySecret);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject partial = TestEnvironment.json(new String(response.body())).getJsonObject("partialSuccess");
        assertThat(partial.getString("rejectedLogRecords")).isEqualTo("1");
        assertThat(partial.getString("errorMessage")).contains("older than the retention period");
    }

    @Test
    void batchesAcceptedWhileClickHouseIsDownAreStoredWhenItReturns() throws Exception {
        ServerBacklog backlog = new ServerBacklog(management.getControllerClient());
        try (ClickHouseOutage outage = ClickHouseOutage.begin()) {
            String json = OtlpJson.logs(List.of(OtlpJson.logRecords(List.of(OtlpJson.service(service)),
                    OtlpJson.logRecord(nowNanos(), "written during the outage"))));
            for (int i = 0; i < 3; i++) {
                // acknowledged: the batch is on the broker's disk, whatever ClickHouse is doing
                assertThat(post("/v1/logs", "application/json", json.getBytes(), keyId, keySecret).statusCode()).isEqualTo(200);
            }
            // a store attempt failed and re-queued its batch for later: the outage path is taken, not just waited out
            backlog.awaitRequeuedAfterFailedStore("otlp-batches");
        }
        assertThat(awaitRows("SELECT body FROM telemetryflow.otel_logs WHERE service_name = '" + service + "' FORMAT TSV", 3))
                .contains("written during the outage");
        backlog.awaitIngestionAfterMarker();
        String count = TestEnvironment.post(TestEnvironment.clickHouseHttp(),
                "SELECT count() FROM telemetryflow.otel_logs WHERE service_name = '" + service + "'").body().strip();
        assertThat(count).isEqualTo("3");
    }

    @Test
    void browserExportersGetCorsPreflightForConfiguredOriginsOnly() throws Exception {
        HttpResponse<Void> allowed = HTTP_CLIENT.send(HttpRequest.newBuilder(URI.create(OTLP + "/v1/traces"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-api-key-id,x-api-key-secret").build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(headers ->
                assertThat(headers).contains("X-API-Key-ID").contains("X-API-Key-Secret"));

        HttpResponse<Void> refused = HTTP_CLIENT.send(HttpRequest.newBuilder(URI.create(OTLP + "/v1/traces"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://elsewhere.example").build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<byte[]> post = HTTP_CLIENT.send(HttpRequest.newBuilder(URI.create(OTLP + "/v1/traces"))
                .header("Origin", "http://localhost:3000").header("Content-Type", "application/json")
                .header("X-API-Key-ID", keyId).header("X-API-Key-Secret", keySecret)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
    }

    private OtlpHttpMetricExporterBuilder metricExporter() {
        return OtlpHttpMetricExporter.builder().setEndpoint(OTLP + "/v1/metrics")
                .addHeader("X-API-Key-ID", keyId).addHeader("X-API-Key-Secret", keySecret);
    }

    /** The answer's rows, as TSV lines. */
    private static List<String> lines(String query) throws Exception {
        HttpResponse<String> response = TestEnvironment.post(TestEnvironment.clickHouseHttp(), query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().isBlank() ? List.of() : List.of(response.body().split("\n"));
    }

    private Resource resource() {
        return Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)));
    }

    private static HttpResponse<byte[]> post(String path, String contentType, byte[] body, String id, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(HTTP + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (id != null) {
            request.header("X-API-Key-ID", id).header("X-API-Key-Secret", secret);
        }
        return HTTP_CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
