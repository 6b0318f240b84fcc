package io.telemetryflow.apikey;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * Where an API key may act: a whole organization, one workspace of it, or one tenant of that
 * workspace. A narrower id is only meaningful with the wider ones set.
 */
public record ApiKeyScope(UUID organizationId, UUID workspaceId, UUID tenantId) implements Serializable {

    public ApiKeyScope {
        Objects.requireNonNull(organizationId, "organizationId");
        if (tenantId != null && workspaceId == null) {
            throw new IllegalArgumentException("a tenant-scoped key needs its workspace");
        }
    }

    public static ApiKeyScope tenant(UUID organizationId, UUID workspaceId, UUID tenantId) {
        return new ApiKeyScope(organizationId, workspaceId, Objects.requireNonNull(tenantId, "tenantId"));
    }

    /** Whether this scope covers the given tenant (identified with its workspace and organization). */
    public boolean covers(UUID organization, UUID workspace, UUID tenant) {
        return organizationId.equals(organization)
                && (workspaceId == null || workspaceId.equals(workspace))
                && (tenantId == null || tenantId.equals(tenant));
    }
}
