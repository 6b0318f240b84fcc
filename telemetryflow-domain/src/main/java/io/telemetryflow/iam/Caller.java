package io.telemetryflow.iam;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Who makes a management API request, as established from a verified access token and the user's
 * current roles: the basis of every permission check and of every tenant-scoped lookup.
 * {@code workspaceId} and {@code tenantId} are the user's home placement and may be null.
 * {@code permissions} hold in the whole organization; {@code scopedGrants} only in a workspace or tenant.
 */
public record Caller(UUID userId, String email, UUID organizationId, UUID workspaceId, UUID tenantId,
                     Set<String> roles, Set<Permission> permissions, List<ScopedGrant> scopedGrants,
                     boolean superAdministrator, String sessionId)
        implements Serializable {

    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(organizationId, "organizationId");
        roles = Set.copyOf(roles);
        permissions = Set.copyOf(permissions);
        scopedGrants = List.copyOf(scopedGrants);
    }

    /** A caller whose permissions all hold organization-wide. */
    public Caller(UUID userId, String email, UUID organizationId, UUID workspaceId, UUID tenantId, Set<String> roles,
                  Set<Permission> permissions, boolean superAdministrator, String sessionId) {
        this(userId, email, organizationId, workspaceId, tenantId, roles, permissions, List.of(), superAdministrator, sessionId);
    }

    /** Whether the permission holds in the whole organization. */
    public boolean has(Permission wanted) {
        return permissions.stream().anyMatch(held -> held.grants(wanted));
    }

    /**
     * Whether the permission holds for an object placed at {@code workspace} (and {@code tenant}, for
     * a tenant's object): organization-wide or through a grant covering that place.
     */
    public boolean hasIn(Permission wanted, UUID workspace, UUID tenant) {
        return has(wanted) || scopedGrants.stream().anyMatch(grant -> grant.grants(wanted) && grant.covers(workspace, tenant));
    }

    /** Whether the permission holds anywhere: organization-wide or in some workspace or tenant. */
    public boolean holdsAnywhere(Permission wanted) {
        return has(wanted) || scopedGrants.stream().anyMatch(grant -> grant.grants(wanted));
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
