package io.telemetryflow.telemetry.logs;

import java.util.Map;

/**
 * One log record as the API returns it. Times are OTLP/JSON style decimal strings of Unix nanoseconds (they overflow
 * JavaScript numbers); ids are lowercase hex, {@code ""} when absent; {@code severityLevel} is TRACE…FATAL or
 * {@code ""}; the body and attribute values are their stored string forms (docs/clickhouse-schema.md).
 */
public record LogEntry(String timestampUnixNano, String observedTimestampUnixNano, int severityNumber, String severityText,
                       String severityLevel, String body, String serviceName, String traceId, String spanId,
                       Map<String, String> attributes, Map<String, String> resourceAttributes, String scopeName) {
}
