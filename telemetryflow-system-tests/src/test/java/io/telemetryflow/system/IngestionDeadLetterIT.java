package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.HTTP;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.telemetryflow.system.probe.PoisonServlet;
import io.telemetryflow.testsupport.ServerBacklog;
import io.telemetryflow.testsupport.TestEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A queued request that can never be stored goes to otlp-ingestion.DLQ with the reason attached; the other
 * requests of its batch are stored exactly once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IngestionDeadLetterIT {

    private static final HttpClient HTTP_CLIENT = HttpClient.newHttpClient();

    @Deployment(name = "platform", order = 1, testable = false)
    static Archive<?> platform() {
        return TestEnvironment.ear();
    }

    @Deployment(name = "poison-probe", order = 2, testable = false)
    static Archive<?> probe() {
        return ShrinkWrap.create(WebArchive.class, "poison-probe.war")
                .addClasses(PoisonServlet.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Test
    void unreadableBatchIsDeadLetteredWithItsReason() throws Exception {
        String batch = UUID.randomUUID().toString();
        assertThat(TestEnvironment.post(HTTP + "/poison-probe/?batch=" + batch, "").statusCode()).isEqualTo(202);
        HttpResponse<String> reason = awaitDeadLetterReason(batch);
        assertThat(reason.statusCode()).as("dead letter present").isEqualTo(200);
        assertThat(reason.body()).startsWith("unreadable batch");
    }

    @Test
    void anUnstorableRequestIsDeadLetteredAloneAndTheRestOfItsBatchIsStoredOnce() throws Exception {
        String okService = "split-ok-" + UUID.randomUUID();
        String badService = "split-bad-" + UUID.randomUUID();
        String badRequest = UUID.randomUUID().toString();
        long now = TestEnvironment.nowNanos();
        ExportTraceServiceRequest traces = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(service(okService)).addScopeSpans(ScopeSpans.newBuilder()
                        .addSpans(span(1, now)).addSpans(span(2, now)))).build();
        // 101 daily partitions: more than one insert may create, so ClickHouse refuses the logs every time
        ScopeLogs.Builder days = ScopeLogs.newBuilder();
        for (int day = 0; day <= 100; day++) {
            days.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(now - day * 86_400_000_000_000L)
                    .setBody(AnyValue.newBuilder().setStringValue("day " + day)));
        }
        ExportLogsServiceRequest logs = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(service(badService)).addScopeLogs(days)).build();
        String[] tenancy = TestEnvironment.bootstrapKeyTenancy();

        // IngestBatch wire format, version 1 (see IngestBatch in telemetryflow-ejb)
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(batch)) {
            out.writeByte(1);
            out.writeInt(2);
            for (Object[] request : new Object[][]{{UUID.randomUUID().toString(), "TRACES", traces}, {badRequest, "LOGS", logs}}) {
                out.writeUTF((String) request[0]);
                out.writeUTF((String) request[1]);
                for (String id : tenancy) {
                    out.writeUTF(id);
                }
                out.writeLong(System.currentTimeMillis());
                byte[] payload = ((com.google.protobuf.Message) request[2]).toByteArray();
                out.writeInt(payload.length);
                out.write(payload);
            }
        }
        HttpResponse<String> queued = HTTP_CLIENT.send(HttpRequest.newBuilder(URI.create(HTTP + "/poison-probe/batch?batch=" + UUID.randomUUID()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(queued.statusCode()).isEqualTo(202);

        HttpResponse<String> reason = awaitDeadLetterReason(badRequest);
        assertThat(reason.statusCode()).as("the unstorable request dead-lettered").isEqualTo(200);
        assertThat(reason.body()).contains("252");
        assertThat(TestEnvironment.awaitRows("SELECT span_id FROM telemetryflow.otel_traces WHERE service_name = '" + okService + "'", 2)
                .strip().split("\n")).hasSize(2);
        // with two deployments Arquillian injects no ManagementClient: the test server's management port directly
        try (ModelControllerClient management = ModelControllerClient.Factory.create("remote+http", "127.0.0.1", 10090)) {
            new ServerBacklog(management).awaitIngestionAfterMarker();
        }
        assertThat(TestEnvironment.post(TestEnvironment.clickHouseHttp(),
                "SELECT count() FROM telemetryflow.otel_traces WHERE service_name = '" + okService + "'").body().strip()).isEqualTo("2");
        assertThat(TestEnvironment.post(TestEnvironment.clickHouseHttp(),
                "SELECT count() FROM telemetryflow.otel_logs WHERE service_name = '" + badService + "'").body().strip()).isEqualTo("0");
    }

    /** The probe's answer for request {@code batch} in otlp-ingestion.DLQ, polled until it is there (bounded). */
    private static HttpResponse<String> awaitDeadLetterReason(String batch) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        HttpResponse<String> reason = TestEnvironment.get(HTTP + "/poison-probe/?batch=" + batch);
        while (reason.statusCode() == 404 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            reason = TestEnvironment.get(HTTP + "/poison-probe/?batch=" + batch);
        }
        return reason;
    }

    private static Resource service(String name) {
        return Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                .setValue(AnyValue.newBuilder().setStringValue(name))).build();
    }

    private static Span span(int id, long startNanos) {
        byte[] traceId = new byte[16];
        byte[] spanId = new byte[8];
        traceId[15] = 7;
        spanId[7] = (byte) id;
        return Span.newBuilder().setTraceId(ByteString.copyFrom(traceId)).setSpanId(ByteString.copyFrom(spanId))
                .setName("split").setStartTimeUnixNano(startNanos).setEndTimeUnixNano(startNanos + 1000).build();
    }
}
