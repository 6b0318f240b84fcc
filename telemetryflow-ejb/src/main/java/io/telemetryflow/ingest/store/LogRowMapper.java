package io.telemetryflow.ingest.store;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.telemetryflow.ingest.otlp.OtlpValues;
import io.telemetryflow.tenancy.TenantPlacement;

/**
 * Log records to {@code otel_logs} rows. {@code observed_timestamp} is the record's observed time, or the time the
 * platform received the request when the sender left it 0 (the OTLP receiver's role); {@code timestamp} is the
 * record's time, or the observed timestamp when that is 0. The body uses the attribute encoding: {@code body} its
 * string form, {@code body_type} its type, always set ({@code empty} for no body).
 */
final class LogRowMapper {

    private LogRowMapper() {
    }

    static void map(ExportLogsServiceRequest request, TenantPlacement tenant, long receivedNanos, TelemetryRows rows) {
        TableBlock block = null;
        for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
            byte[] resource = null;
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                if (scopeLogs.getLogRecordsCount() == 0) {
                    continue;
                }
                if (resource == null) {
                    resource = Envelope.resource(tenant, resourceLogs.getResource(), resourceLogs.getSchemaUrl());
                }
                if (block == null) {
                    block = rows.block(TelemetryTable.LOGS);
                }
                byte[] envelope = Envelope.scope(resource, scopeLogs.getScope(), scopeLogs.getSchemaUrl());
                for (LogRecord log : scopeLogs.getLogRecordsList()) {
                    log(envelope, log, receivedNanos, block.out());
                    block.endRow();
                }
            }
        }
    }

    private static void log(byte[] envelope, LogRecord log, long receivedNanos, RowBinary out) {
        long observed = log.getObservedTimeUnixNano() != 0 ? OtlpValues.nanos(log.getObservedTimeUnixNano()) : receivedNanos;
        long time = log.getTimeUnixNano() != 0 ? OtlpValues.nanos(log.getTimeUnixNano()) : observed;
        AnyValue body = log.getBody();

        out.raw(envelope);
        out.dateTime64Nanos(time);
        out.dateTime64Nanos(observed);
        out.uint8(OtlpValues.uint8(log.getSeverityNumberValue()));
        out.string(log.getSeverityText());
        out.string(log.getEventName());
        out.string(OtlpValues.stringForm(body));
        out.string(AttributeEncoder.type(body));
        AttributeEncoder.encode(log.getAttributesList()).write(out);
        out.int32(log.getDroppedAttributesCount());
        out.int32(log.getFlags());
        out.string(OtlpValues.hexId(log.getTraceId()));
        out.string(OtlpValues.hexId(log.getSpanId()));
    }
}
