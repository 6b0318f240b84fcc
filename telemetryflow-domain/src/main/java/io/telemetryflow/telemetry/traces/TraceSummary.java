package io.telemetryflow.telemetry.traces;

import java.util.List;

/**
 * One trace in a search answer. The root is the earliest span without a parent; when the trace has none (its root was
 * not received, or not yet), the earliest span stands in and {@code rootInferred} says so. Times are epoch
 * nanoseconds as decimal strings (they overflow JavaScript numbers); the duration runs from the earliest start to the
 * latest end of all the trace's spans.
 */
public record TraceSummary(String traceId, String rootService, String rootOperation, boolean rootInferred, String startTimeUnixNano,
                           long durationNanos, long spanCount, long errorCount, List<String> services) {
}
