package io.telemetryflow.iam;

import java.io.Serializable;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Who makes a management API request, as established from a verified access token and the user's
 * current roles: the basis of every permission check and of every tenant-scoped lookup.
 * {@code workspaceId} and {@code tenantId} are the user's home placement and may be null.
 */
public record Caller(UUID userId, String email, UUID organizationId, UUID workspaceId, UUID tenantId,
                     Set<String> roles, Set<Permission> permissions, boolean superAdministrator, String sessionId)
        implements Serializable {

    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(organizationId, "organizationId");
        roles = Set.copyOf(roles);
        permissions = Set.copyOf(permissions);
    }

    public boolean has(Permission wanted) {
        return permissions.stream().anyMatch(held -> held.grants(wanted));
    }

    /** Whether the caller may see objects of {@code organization}: its own, or any for a Super Administrator. */
    public boolean reaches(UUID organization) {
        return superAdministrator || organizationId.equals(organization);
    }

    /** The actor name written into audit fields (created_by, updated_by). */
    public String actor() {
        return email;
    }
}
