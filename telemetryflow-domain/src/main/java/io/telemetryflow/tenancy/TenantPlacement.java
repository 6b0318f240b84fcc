package io.telemetryflow.tenancy;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a tenant sits in the hierarchy: its workspace and that workspace's organization; the tenancy
 * columns of every telemetry row. Ingestion resolves tenant ids named by telemetry to this and caches
 * the answer cluster-wide, hence Serializable, and in this jar (the EAR's lib/), whose classes the
 * cache can always load.
 */
public record TenantPlacement(UUID organizationId, UUID workspaceId, UUID tenantId) implements Serializable {

    public TenantPlacement {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(tenantId, "tenantId");
    }

    /**
     * The cacheable answer to "where is this tenant?": a placement, or none when no live tenant has the
     * id. The cache keeps no nulls, and "none" must be remembered too. {@code inactive}: the tenant, its
     * workspace or its organization is switched off (so named that an entry cached before the flag existed
     * reads as active).
     */
    public record Lookup(TenantPlacement found, boolean inactive) implements Serializable {

        public Optional<TenantPlacement> placement() {
            return Optional.ofNullable(found);
        }

        /** The placement while telemetry may be written there: live and active. */
        public Optional<TenantPlacement> activePlacement() {
            return inactive ? Optional.empty() : placement();
        }
    }
}
