package io.telemetryflow.iam;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a permission check needs to know about a user, read in one go and cached cluster-wide:
 * placement, status, the names of the roles held organization-wide and the effective permissions
 * (those roles' plus direct ones), and the grants of roles narrowed to a workspace or tenant.
 */
public record UserAccess(UUID userId, String email, String firstName, String lastName, UUID organizationId,
                         UUID workspaceId, UUID tenantId, UserStatus status, Set<String> roles, Set<Permission> permissions,
                         List<ScopedGrant> scopedGrants)
        implements Serializable {

    public UserAccess {
        roles = Set.copyOf(roles);
        permissions = Set.copyOf(permissions);
        scopedGrants = List.copyOf(scopedGrants);
    }

    public boolean superAdministrator() {
        return roles.contains(SystemRole.SUPER_ADMINISTRATOR.displayName());
    }

    public Caller asCaller(String sessionId) {
        return new Caller(userId, email, organizationId, workspaceId, tenantId, roles, permissions, scopedGrants, superAdministrator(), sessionId);
    }
}
