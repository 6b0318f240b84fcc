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
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
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
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(TestEnvironment.OTLP + "/v1/traces")
                .addHeader("X-API-Key-ID", key.keyId()).addHeader("X-API-Key-Secret", key.secret()).build();
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource())
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
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

    /** One WARN log record with the body given. */
    public void sendLog(String body) {
        OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder().setEndpoint(TestEnvironment.OTLP + "/v1/logs")
                .addHeader("X-API-Key-ID", key.keyId()).addHeader("X-API-Key-Secret", key.secret()).build();
        SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(resource())
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build();
        provider.get("console-test").logRecordBuilder().setSeverity(Severity.WARN).setSeverityText("WARN").setBody(body)
                .setAttribute(AttributeKey.stringKey("component"), "console-test").emit();
        assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).as("log exported").isTrue();
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }

    private Resource resource() {
        return Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)));
    }
}
