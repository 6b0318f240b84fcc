package io.telemetryflow.telemetry.logs;

import java.util.List;

/**
 * The log records carrying a trace id, oldest first, within {@code from}..{@code to} (ISO-8601: the range asked for,
 * or the trace's span range widened by a margin, or the default range when the trace's spans are unknown);
 * {@code hasMore} says the limit cut the list.
 */
public record TraceLogs(String traceId, String from, String to, List<LogEntry> logs, boolean hasMore) {
}
