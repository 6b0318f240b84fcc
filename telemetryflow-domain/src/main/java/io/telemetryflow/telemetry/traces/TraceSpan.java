package io.telemetryflow.telemetry.traces;

import java.util.List;
import java.util.Map;

/**
 * A span of a trace as the trace view shows it: everything stored, plus its place in the tree ({@link TraceTree}):
 * {@code depth}, {@code childSpanIds} (by start time), {@code orphan} (its parent is not in the trace, or it was cut
 * out of a parent cycle; it is then drawn as a root) and {@code criticalPathNanos} (its time on the critical path).
 * Attribute maps hold every value in its string form; the {@code *Types} maps name the OTLP type of each non-string
 * value (int, double, bool, bytes, array, kvlist, empty), as stored (docs/clickhouse-schema.md).
 */
public record TraceSpan(String spanId, String parentSpanId, int depth, List<String> childSpanIds, boolean orphan, String serviceName,
                        String name, String kind, String startTimeUnixNano, String endTimeUnixNano, long durationNanos,
                        String statusCode, String statusMessage, String traceState, long flags, Map<String, String> attributes,
                        Map<String, String> attributeTypes, long droppedAttributesCount, Map<String, String> resourceAttributes,
                        Map<String, String> resourceAttributeTypes, Scope scope, List<Event> events, long droppedEventsCount,
                        List<Link> links, long droppedLinksCount, long criticalPathNanos) {

    public record Scope(String name, String version, Map<String, String> attributes) {
    }

    public record Event(String timeUnixNano, String name, Map<String, String> attributes, Map<String, String> attributeTypes,
                        long droppedAttributesCount) {
    }

    public record Link(String traceId, String spanId, String traceState, long flags, Map<String, String> attributes,
                       Map<String, String> attributeTypes, long droppedAttributesCount) {
    }

    /** A span as read, before its place in the tree is known. */
    public static TraceSpan stored(String spanId, String parentSpanId, String serviceName, String name, String kind, long startNanos,
                                   long endNanos, long durationNanos, String statusCode, String statusMessage, String traceState,
                                   long flags, Map<String, String> attributes, Map<String, String> attributeTypes,
                                   long droppedAttributesCount, Map<String, String> resourceAttributes,
                                   Map<String, String> resourceAttributeTypes, Scope scope, List<Event> events,
                                   long droppedEventsCount, List<Link> links, long droppedLinksCount) {
        return new TraceSpan(spanId, parentSpanId, 0, List.of(), false, serviceName, name, kind, Long.toString(startNanos),
                Long.toString(endNanos), durationNanos, statusCode, statusMessage, traceState, flags, attributes, attributeTypes,
                droppedAttributesCount, resourceAttributes, resourceAttributeTypes, scope, events, droppedEventsCount, links,
                droppedLinksCount, 0);
    }

    TraceSpan placed(int depth, List<String> childSpanIds, boolean orphan, long criticalPathNanos) {
        return new TraceSpan(spanId, parentSpanId, depth, List.copyOf(childSpanIds), orphan, serviceName, name, kind, startTimeUnixNano,
                endTimeUnixNano, durationNanos, statusCode, statusMessage, traceState, flags, attributes, attributeTypes,
                droppedAttributesCount, resourceAttributes, resourceAttributeTypes, scope, events, droppedEventsCount, links,
                droppedLinksCount, criticalPathNanos);
    }

    long startNanos() {
        return Long.parseLong(startTimeUnixNano);
    }

    /** The end, never before the start (a span stored with end < start has duration 0). */
    long endNanos() {
        return Math.max(Long.parseLong(endTimeUnixNano), startNanos());
    }
}
