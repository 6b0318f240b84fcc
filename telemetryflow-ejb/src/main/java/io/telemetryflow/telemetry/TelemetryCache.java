package io.telemetryflow.telemetry;

import io.telemetryflow.platform.cache.CacheKey;
import io.telemetryflow.platform.cache.TwoLevelCache;
import io.telemetryflow.platform.security.SecureTokens;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Telemetry answers through the two-level cache, as the JSON the API sends (so a hit is served without touching
 * ClickHouse or re-serializing, and any node can read what another cached). An answer over a live range (one ending
 * within the freshness window of now) lives at most the freshness; one entirely in the past lives
 * {@link QueryLimits#pastCacheTtl()}. Each kind sits under its own per-tenant generation, which ingestion bumps
 * ({@link TelemetryFreshness}): new data empties a tenant's live answers, late data (older than the freshness
 * window) its past ones, on every node at once. An answer larger than {@code telemetryflow.query.max-cached-answer-bytes}
 * is not cached: it would push many small answers out of L1 and be copied to every node.
 */
@ApplicationScoped
public class TelemetryCache {

    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    TwoLevelCache cache;

    @Inject
    TelemetryQueries queries;

    @Inject
    @ConfigProperty(name = "telemetryflow.query.max-cached-answer-bytes")
    long maxCachedAnswerBytes;

    Clock clock = Clock.systemUTC();

    /** The JSON of an answer and whether it came from the cache. */
    public record Answer(String json, boolean hit) {
    }

    /**
     * The cached answer to {@code request} (any JSON-serializable value naming everything the answer depends on,
     * with the range as the request gave it, so "now-1h" stays one key), or the computed one, then cached.
     */
    public Answer answer(TenantPlacement tenant, String namespace, Object request, TimeRange range, Supplier<?> compute) {
        QueryLimits limits = queries.limits();
        boolean live = range.isLive(Instant.now(clock), limits.freshness());
        CacheKey key = new CacheKey(namespace, generationToken(tenant.tenantId(), live), SecureTokens.sha256Hex(JSON.toJson(request)));
        Optional<String> cached = cache.get(key);
        if (cached.isPresent()) {
            return new Answer(cached.get(), true);
        }
        String json = JSON.toJson(compute.get());
        if (json.length() <= maxCachedAnswerBytes) {   // characters: a lower bound of the bytes, exact for ASCII
            cache.put(key, json, live ? limits.freshness() : limits.pastCacheTtl());
        }
        return new Answer(json, false);
    }

    /** The generation a tenant's live (or past) answers are filed under. */
    static String generationToken(UUID tenantId, boolean live) {
        return tenantId + (live ? "/live" : "/past");
    }

    /** Makes the tenant's live answers (and, for late data, its past ones) unreachable on every node. */
    void invalidate(UUID tenantId, boolean past) {
        cache.invalidateTenant(generationToken(tenantId, true));
        if (past) {
            cache.invalidateTenant(generationToken(tenantId, false));
        }
    }
}
