package io.telemetryflow.iam;

import java.io.Serializable;
import java.util.Set;
import java.util.UUID;

/**
 * What a permission check needs to know about a user, read in one go and cached cluster-wide:
 * placement, status, role names and the effective permissions (roles' plus direct ones).
 */
public record UserAccess(UUID userId, String email, String firstName, String lastName, UUID organizationId,
                         UUID workspaceId, UUID tenantId, UserStatus status, Set<String> roles, Set<Permission> permissions)
        implements Serializable {

    public UserAccess {
        roles = Set.copyOf(roles);
        permissions = Set.copyOf(permissions);
    }

    public boolean superAdministrator() {
        return roles.contains(SystemRole.SUPER_ADMINISTRATOR.displayName());
    }

    public Caller asCaller(String sessionId) {
        return new Caller(userId, email, organizationId, workspaceId, tenantId, roles, permissions, superAdministrator(), sessionId);
    }
}
