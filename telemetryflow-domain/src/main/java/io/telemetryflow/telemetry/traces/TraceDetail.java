package io.telemetryflow.telemetry.traces;

import java.util.List;

/**
 * A whole trace for the waterfall: summary fields (root as in {@link TraceSummary}), the spans in depth-first order by
 * start time ({@link TraceTree}), and the critical path as time segments. {@code truncated}: the trace has more spans
 * than the fetch bound, and only the earliest ones are here. {@code duplicateSpanCount}: spans dropped because an
 * earlier span had the same id. {@code orphanCount}: spans drawn as roots although they name a parent.
 */
public record TraceDetail(String traceId, String rootSpanId, String rootService, String rootOperation, boolean rootInferred,
                          String startTimeUnixNano, String endTimeUnixNano, long durationNanos, long spanCount, long errorCount,
                          List<String> services, int maxDepth, long orphanCount, long duplicateSpanCount, boolean truncated,
                          List<CriticalPathSegment> criticalPath, List<TraceSpan> spans) {

    /** A stretch of time the trace's end waited on {@code spanId}'s own work (its self time on the critical path). */
    public record CriticalPathSegment(String spanId, String startTimeUnixNano, String endTimeUnixNano, long durationNanos) {
    }
}
