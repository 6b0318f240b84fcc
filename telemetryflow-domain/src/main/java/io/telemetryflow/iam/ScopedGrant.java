package io.telemetryflow.iam;

import java.io.Serializable;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Permissions a user holds below the organization: from a role assignment narrowed to a workspace
 * (and everything in it) or to one tenant.
 */
public record ScopedGrant(UUID workspaceId, UUID tenantId, Set<Permission> permissions) implements Serializable {

    public ScopedGrant {
        Objects.requireNonNull(workspaceId, "workspaceId");
        permissions = Set.copyOf(permissions);
    }

    /**
     * Whether the grant reaches an object placed at {@code workspace} and, for a tenant's object,
     * {@code tenant} (null for the workspace itself): a workspace grant reaches the workspace and its
     * tenants, a tenant grant only that tenant.
     */
    public boolean covers(UUID workspace, UUID tenant) {
        if (tenantId != null) {
            return tenantId.equals(tenant);
        }
        return workspaceId.equals(workspace);
    }

    public boolean grants(Permission wanted) {
        return permissions.stream().anyMatch(held -> held.grants(wanted));
    }
}
