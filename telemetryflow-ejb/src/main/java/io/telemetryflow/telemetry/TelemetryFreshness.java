package io.telemetryflow.telemetry;

import io.telemetryflow.ingest.TelemetryStored;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps cached telemetry answers fresh as data arrives: each {@link TelemetryStored} batch names its tenants with the
 * oldest record time stored. New data bumps the tenant's live generation, at most once per {@link #LIVE_BUMP_INTERVAL} per node
 * (a live answer also expires after the freshness window, so data arriving between bumps is never staler than
 * that); data older than the freshness window may belong to a range already cached as past, so it bumps the past
 * generation every time (late data is the exception).
 */
@ApplicationScoped
public class TelemetryFreshness {

    static final Duration LIVE_BUMP_INTERVAL = Duration.ofSeconds(5);

    @Inject
    TelemetryCache cache;

    @Inject
    TelemetryQueries queries;

    Clock clock = Clock.systemUTC();

    private final Map<UUID, Instant> lastLiveBump = new ConcurrentHashMap<>();

    void onStored(@Observes TelemetryStored stored) {
        stored.oldestRecordByTenant().forEach(this::stored);
    }

    void stored(UUID tenantId, Instant oldestRecord) {
        Instant now = Instant.now(clock);
        boolean late = oldestRecord.isBefore(now.minus(queries.limits().freshness()));
        Instant last = lastLiveBump.get(tenantId);
        boolean bumpLive = last == null || !now.isBefore(last.plus(LIVE_BUMP_INTERVAL));
        if (bumpLive) {
            lastLiveBump.put(tenantId, now);
        }
        if (bumpLive || late) {
            cache.invalidate(tenantId, late);
        }
    }
}
