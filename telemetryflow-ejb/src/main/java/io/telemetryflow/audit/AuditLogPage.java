package io.telemetryflow.audit;

import java.time.Instant;
import java.util.List;

/** One page of audit rows, newest first; {@code hasMore} says whether {@code offset + limit} finds more. */
public record AuditLogPage(List<AuditLogEntry> items, int limit, long offset, boolean hasMore, Instant from, Instant to) {
}
