package io.telemetryflow.ingest.otlp;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Objects;

/**
 * A decoded OTLP/HTTP request: the {@code Export*ServiceRequest} (protobuf messages are immutable), the signal it
 * belongs to, and the encoding it arrived in — which the response must use as well.
 */
public record OtlpRequest(OtlpSignal signal, OtlpEncoding encoding, Message message) {

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
