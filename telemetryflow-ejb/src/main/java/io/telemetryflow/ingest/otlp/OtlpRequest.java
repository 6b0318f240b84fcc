package io.telemetryflow.ingest.otlp;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.List;
import java.util.Objects;

/**
 * A decoded OTLP/HTTP request: the {@code Export*ServiceRequest} (protobuf messages are immutable), the signal it
 * belongs to, and the encoding it arrived in — which the response must use as well. {@code received} holds the
 * protobuf bytes the message was parsed from, so that an unchanged request is queued without serializing it again;
 * it is null for OTLP/JSON and for a request whose content changed.
 */
public record OtlpRequest(OtlpSignal signal, OtlpEncoding encoding, Message message, byte[] received) {

    public OtlpRequest(OtlpSignal signal, OtlpEncoding encoding, Message message) {
        this(signal, encoding, message, null);
    }

    public OtlpRequest {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(message, "message");
        if (message.getDescriptorForType() != signal.emptyRequest().getDescriptorForType()) {
            throw new IllegalArgumentException(message.getDescriptorForType().getFullName() + " is not a " + signal + " request");
        }
    }

    /** Same signal and encoding, other content (after validation removed items). */
    public OtlpRequest withMessage(Message replacement) {
        return new OtlpRequest(signal, encoding, replacement);
    }

    /** The message in protobuf: the bytes it was parsed from when it is unchanged. */
    public byte[] toProtobuf() {
        return received != null ? received : message.toByteArray();
    }

    /** The telemetry grouped by resource: its {@code ResourceSpans}, {@code ResourceMetrics} or {@code ResourceLogs}. */
    public List<? extends Message> resources() {
        return switch (signal) {
            case TRACES -> traces().getResourceSpansList();
            case METRICS -> metrics().getResourceMetricsList();
            case LOGS -> logs().getResourceLogsList();
        };
    }

    /** Same signal and encoding, holding only the given resources (elements of {@link #resources()}). */
    public OtlpRequest withResources(List<? extends Message> resources) {
        return withMessage(switch (signal) {
            case TRACES -> ExportTraceServiceRequest.newBuilder()
                    .addAllResourceSpans(resources.stream().map(ResourceSpans.class::cast).toList()).build();
            case METRICS -> ExportMetricsServiceRequest.newBuilder()
                    .addAllResourceMetrics(resources.stream().map(ResourceMetrics.class::cast).toList()).build();
            case LOGS -> ExportLogsServiceRequest.newBuilder()
                    .addAllResourceLogs(resources.stream().map(ResourceLogs.class::cast).toList()).build();
        });
    }

    public ExportTraceServiceRequest traces() {
        return as(OtlpSignal.TRACES, ExportTraceServiceRequest.class);
    }

    public ExportMetricsServiceRequest metrics() {
        return as(OtlpSignal.METRICS, ExportMetricsServiceRequest.class);
    }

    public ExportLogsServiceRequest logs() {
        return as(OtlpSignal.LOGS, ExportLogsServiceRequest.class);
    }

    private <T extends Message> T as(OtlpSignal expected, Class<T> type) {
        if (signal != expected) {
            throw new IllegalStateException("this is a " + signal + " request, not " + expected);
        }
        return type.cast(message);
    }
}
