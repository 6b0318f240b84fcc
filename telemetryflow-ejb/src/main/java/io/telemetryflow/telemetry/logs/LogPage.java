package io.telemetryflow.telemetry.logs;

import java.util.List;

/**
 * A page of a log search, newest first. {@code nextCursor} (absent on the last page) fetches the next one;
 * {@code totalEstimate} counts every record the query matches in its range, counted when the first page was made.
 */
public record LogPage(List<LogEntry> logs, String nextCursor, boolean hasMore, TotalEstimate totalEstimate) {

    /** A count of matching records; {@code exact} is true as the count is never capped or sampled. */
    public record TotalEstimate(long count, boolean exact) {
    }
}
