package io.telemetryflow.iam;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The workspaces (with everything in them) and single tenants where a caller holds a permission
 * only through roles narrowed below the organization: what a list shows such a caller.
 */
public record Places(Set<UUID> workspaces, Set<UUID> tenants) {

    /** A placeholder id for an empty set: a query's {@code IN (...)} needs at least one value. */
    private static final UUID NONE = new UUID(0, 0);

    public Places {
        workspaces = Set.copyOf(workspaces);
        tenants = Set.copyOf(tenants);
    }

    public static Places where(Caller caller, Permission permission) {
        Set<UUID> workspaces = new HashSet<>();
        Set<UUID> tenants = new HashSet<>();
        for (ScopedGrant grant : caller.scopedGrants()) {
            if (grant.grants(permission)) {
                if (grant.tenantId() == null) {
                    workspaces.add(grant.workspaceId());
                } else {
                    tenants.add(grant.tenantId());
                }
            }
        }
        return new Places(workspaces, tenants);
    }

    /** The workspace ids, never empty (for {@code IN} parameters). */
    public Set<UUID> workspaceParameter() {
        return workspaces.isEmpty() ? Set.of(NONE) : workspaces;
    }

    /** The tenant ids, never empty (for {@code IN} parameters). */
    public Set<UUID> tenantParameter() {
        return tenants.isEmpty() ? Set.of(NONE) : tenants;
    }
}
