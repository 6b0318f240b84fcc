package io.telemetryflow.tenancy;

import io.telemetryflow.platform.cache.CacheKey;
import io.telemetryflow.platform.cache.CacheProfile;
import io.telemetryflow.platform.cache.TwoLevelCache;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Where live tenants sit, for ingestion with organization- and workspace-scoped API keys and for reads
 * that name a tenant. Ingestion is the hot path, so each answer is cached cluster-wide for a few minutes.
 * "No such live tenant" is cached too, so that telemetry naming an unknown tenant does not reach PostgreSQL
 * with every request, but only on this node and for half a minute: ids a client makes up must not fill the
 * cluster's cache. Entries are filed
 * under the tenant's id, so {@link TwoLevelCache#invalidateTenant} with that id drops them at once;
 * otherwise a new or deleted tenant is seen within the TTL. Reads may name an inactive tenant (its
 * telemetry stays readable); ingestion asks {@link #findActive}, which refuses it.
 */
public class TenantDirectory {

    static final String CACHE_NAMESPACE = "tenant-placement";
    /** SHORT: L1 1 minute, L2 5 minutes. */
    static final CacheProfile PROFILE = CacheProfile.SHORT;

    private final Function<UUID, TenantPlacement.Lookup> lookup;
    private final TwoLevelCache cache;

    public TenantDirectory(Function<UUID, TenantPlacement.Lookup> lookup, TwoLevelCache cache) {
        this.lookup = lookup;
        this.cache = cache;
    }

    /** The live tenant's placement, or empty for an unknown or soft-deleted one. */
    public Optional<TenantPlacement> find(UUID tenantId) {
        return lookup(tenantId).placement();
    }

    /** The placement of a tenant that may receive telemetry: live, and it, its workspace and organization active. */
    public Optional<TenantPlacement> findActive(UUID tenantId) {
        return lookup(tenantId).activePlacement();
    }

    private TenantPlacement.Lookup lookup(UUID tenantId) {
        CacheKey key = new CacheKey(CACHE_NAMESPACE, tenantId.toString(), "live");
        return cache.getOrCompute(key, PROFILE, () -> lookup.apply(tenantId), none -> none.placement().isEmpty());
    }

    /** Drops the cached answer for the tenant on every node (after it was deleted or switched on or off). */
    public void forget(UUID tenantId) {
        cache.invalidateTenant(tenantId.toString());
    }
}
