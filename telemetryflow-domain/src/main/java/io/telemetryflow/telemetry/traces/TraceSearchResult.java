package io.telemetryflow.telemetry.traces;

import java.util.List;

/** Matching traces, newest first; {@code hasMore} when more traces matched than the limit. */
public record TraceSearchResult(List<TraceSummary> traces, boolean hasMore) {
}
