package io.telemetryflow.ingest.otlp;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/** The OTLP signals this platform ingests, each with its {@code Export*ServiceRequest}/{@code Response} pair. */
public enum OtlpSignal {
    TRACES(ExportTraceServiceRequest.getDefaultInstance()),
    METRICS(ExportMetricsServiceRequest.getDefaultInstance()),
    LOGS(ExportLogsServiceRequest.getDefaultInstance());

    private final Message emptyRequest;

    OtlpSignal(Message emptyRequest) {
        this.emptyRequest = emptyRequest;
    }

    /** The request message with no telemetry: what an empty body decodes to. */
    public Message emptyRequest() {
        return emptyRequest;
    }

    /**
     * The {@code Export*ServiceResponse} to send with HTTP 200. The spec says {@code partial_success} MUST stay
     * unset on full success, so it is set only when items were rejected or there is a message (a warning).
     */
    public Message response(long rejected, String errorMessage) {
        String message = errorMessage == null ? "" : errorMessage;
        boolean partial = rejected > 0 || !message.isEmpty();
        return switch (this) {
            case TRACES -> {
                var response = ExportTraceServiceResponse.newBuilder();
                if (partial) {
                    response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                            .setRejectedSpans(rejected).setErrorMessage(message));
                }
                yield response.build();
            }
            case METRICS -> {
                var response = ExportMetricsServiceResponse.newBuilder();
                if (partial) {
                    response.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                            .setRejectedDataPoints(rejected).setErrorMessage(message));
                }
                yield response.build();
            }
            case LOGS -> {
                var response = ExportLogsServiceResponse.newBuilder();
                if (partial) {
                    response.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                            .setRejectedLogRecords(rejected).setErrorMessage(message));
                }
                yield response.build();
            }
        };
    }

    /** The full-success response. */
    public Message successResponse() {
        return response(0, "");
    }
}
