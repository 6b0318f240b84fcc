package io.telemetryflow.testsupport;

import java.util.List;

/**
 * OTLP/JSON request bodies for the tests, assembled from their parts: a request holds resources, a resource its
 * attributes and spans or log records. Values are spliced in as they are (no escaping): keep quotes and backslashes out.
 */
public final class OtlpJson {

    private OtlpJson() {
    }

    /** An ExportTraceServiceRequest of the resources ({@link #spans}). */
    public static String traces(List<String> resources) {
        return "{\"resourceSpans\":[" + String.join(",", resources) + "]}";
    }

    /** An ExportLogsServiceRequest of the resources ({@link #logRecords}). */
    public static String logs(List<String> resources) {
        return "{\"resourceLogs\":[" + String.join(",", resources) + "]}";
    }

    /** A resource with the attributes ({@link #attribute}) and one scope holding the spans ({@link #span}). */
    public static String spans(List<String> attributes, String... spans) {
        return "{\"resource\":{\"attributes\":[" + String.join(",", attributes) + "]},\"scopeSpans\":[{\"spans\":["
                + String.join(",", spans) + "]}]}";
    }

    /** A resource with the attributes ({@link #attribute}) and one scope holding the log records ({@link #logRecord}). */
    public static String logRecords(List<String> attributes, String... records) {
        return "{\"resource\":{\"attributes\":[" + String.join(",", attributes) + "]},\"scopeLogs\":[{\"logRecords\":["
                + String.join(",", records) + "]}]}";
    }

    /** A span with string attributes ({@link #attribute}), if any. */
    public static String span(String traceId, String spanId, String name, long startNanos, long endNanos, String... attributes) {
        return "{\"traceId\":\"" + traceId + "\",\"spanId\":\"" + spanId + "\",\"name\":\"" + name + "\",\"startTimeUnixNano\":\""
                + startNanos + "\",\"endTimeUnixNano\":\"" + endNanos + "\""
                + (attributes.length == 0 ? "" : ",\"attributes\":[" + String.join(",", attributes) + "]") + "}";
    }

    /** A log record with a string body. */
    public static String logRecord(long timeNanos, String body) {
        return "{\"timeUnixNano\":\"" + timeNanos + "\",\"body\":{\"stringValue\":\"" + body + "\"}}";
    }

    /** The service.name attribute. */
    public static String service(String name) {
        return attribute("service.name", name);
    }

    /** A string-valued attribute (a KeyValue). */
    public static String attribute(String key, String value) {
        return "{\"key\":\"" + key + "\",\"value\":{\"stringValue\":\"" + value + "\"}}";
    }
}
