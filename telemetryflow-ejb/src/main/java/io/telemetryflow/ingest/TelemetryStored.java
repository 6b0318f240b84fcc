package io.telemetryflow.ingest;

import io.telemetryflow.ingest.otlp.OtlpItems;
import io.telemetryflow.ingest.otlp.TenantRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * CDI event: a batch of telemetry is in ClickHouse. Fired synchronously inside the storing transaction, so an observer's
 * work (a JMS send, a cache bump) commits with the batch, and a failing observer rolls the batch back like a failed
 * store. Observers: the read cache's freshness, the live tail.
 *
 * @param requests every request of the batch that was stored, with its tenant and arrival time
 * @param storedAt when the store finished
 */
public record TelemetryStored(List<TenantRequest> requests, Instant storedAt) {

    public TelemetryStored {
        requests = List.copyOf(requests);
        Objects.requireNonNull(storedAt, "storedAt");
    }

    /**
     * Per tenant, the earliest record time stored (span start, log or data-point time); {@link #storedAt} when the
     * tenant's requests held no item with a time.
     */
    public Map<UUID, Instant> oldestRecordByTenant() {
        Map<UUID, Instant> oldest = new HashMap<>();
        for (TenantRequest request : requests) {
            long nanos = OtlpItems.oldestTimeNanos(request.request());
            Instant time = nanos == Long.MAX_VALUE ? storedAt : Instant.ofEpochSecond(0, nanos);
            oldest.merge(request.tenant().tenantId(), time, (a, b) -> a.isBefore(b) ? a : b);
        }
        return oldest;
    }
}
