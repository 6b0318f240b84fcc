package io.telemetryflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Telemetry sent as applications send it: the OpenTelemetry Java SDK exporting OTLP/HTTP with the bootstrap key. */
public final class SdkTelemetry {

    private final String service;
    private final TestEnvironment.BootstrapKey key;

    public SdkTelemetry(String service) throws Exception {
        this.service = service;
        this.key = TestEnvironment.bootstrapKey();
    }

    /** One request: a SERVER span with two children, the second failed; returns the trace id. */
    public String sendTrace(String operation) {
        SdkTracerProvider provider = tracerProvider(service);
        Tracer tracer = provider.get("console-test");
        Span root = tracer.spanBuilder(operation).setSpanKind(SpanKind.SERVER).setAttribute("http.route", operation).startSpan();
        String traceId = root.getSpanContext().getTraceId();
        try (Scope ignored = root.makeCurrent()) {
            Span query = tracer.spanBuilder("SELECT orders").setSpanKind(SpanKind.CLIENT).setAttribute("db.system", "postgresql").startSpan();
            query.end();
            Span charge = tracer.spanBuilder("charge card").setParent(Context.current()).startSpan();
            charge.addEvent("declined", Attributes.of(AttributeKey.stringKey("reason"), "insufficient funds"));
            charge.setStatus(StatusCode.ERROR, "card declined");
            charge.end();
        }
        root.end();
        assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).as("spans exported").isTrue();
        provider.shutdown().join(10, TimeUnit.SECONDS);
        return traceId;
    }

    /**
     * One call from this service to {@code callee}: a CLIENT span here and the callee's SERVER span below it, each
     * exported by its own service's SDK, as two instrumented processes do; returns the trace id.
     */
    public String sendCallTo(String callee, String operation) {
        SdkTracerProvider caller = tracerProvider(service);
        SdkTracerProvider server = tracerProvider(callee);
        Span client = caller.get("console-test").spanBuilder(operation).setSpanKind(SpanKind.CLIENT).startSpan();
        String traceId = client.getSpanContext().getTraceId();
        Span handled = server.get("console-test").spanBuilder(operation).setSpanKind(SpanKind.SERVER)
                .setParent(Context.current().with(client)).startSpan();
        handled.end();
        client.end();
        for (SdkTracerProvider provider : List.of(caller, server)) {
            assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).as("spans exported").isTrue();
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
        return traceId;
    }

    /** A gauge of this service with one value, exported once. */
    public void sendGauge(String name, double value) {
        OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder().setEndpoint(TestEnvironment.OTLP + "/v1/metrics")
                .addHeader("X-API-Key-ID", key.keyId()).addHeader("X-API-Key-Secret", key.secret()).build();
        SdkMeterProvider provider = SdkMeterProvider.builder().setResource(resource(service))
                .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build()).build();
        provider.get("console-test").gaugeBuilder(name).setUnit("ms").buildWithCallback(gauge -> gauge.record(value));
        assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).as("metric exported").isTrue();
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }

    private SdkTracerProvider tracerProvider(String serviceName) {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(TestEnvironment.OTLP + "/v1/traces")
                .addHeader("X-API-Key-ID", key.keyId()).addHeader("X-API-Key-Secret", key.secret()).build();
        return SdkTracerProvider.builder().setResource(resource(serviceName)).addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    }

    /** One WARN log record with the body given. */
    public void sendLog(String body) {
        OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder().setEndpoint(TestEnvironment.OTLP + "/v1/logs")
                .addHeader("X-API-Key-ID", key.keyId()).addHeader("X-API-Key-Secret", key.secret()).build();
        SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(resource(service))
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build();
        provider.get("console-test").logRecordBuilder().setSeverity(Severity.WARN).setSeverityText("WARN").setBody(body)
                .setAttribute(AttributeKey.stringKey("component"), "console-test").emit();
        assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).as("log exported").isTrue();
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }

    private static Resource resource(String serviceName) {
        return Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), serviceName)));
    }
}
