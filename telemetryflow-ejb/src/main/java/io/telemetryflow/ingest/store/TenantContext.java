package io.telemetryflow.ingest.store;

import java.util.Objects;
import java.util.UUID;

/** Who a batch belongs to: the tenancy columns written first into every telemetry row. */
public record TenantContext(UUID organizationId, UUID workspaceId, UUID tenantId) {

    public TenantContext {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(tenantId, "tenantId");
    }
}
