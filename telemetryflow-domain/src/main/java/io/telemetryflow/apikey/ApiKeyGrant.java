package io.telemetryflow.apikey;

import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.iam.PermissionCatalog;
import io.telemetryflow.platform.error.Rejected;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a caller may put into an API key: only permissions the caller holds (a key never carries
 * more power than the person who made it), and a scope inside an organization the caller reaches.
 * Objects the caller cannot see answer 404 as everywhere else; reachable objects that do not nest
 * (a workspace of another organization, a tenant of another workspace) are a 400 on the field.
 */
public final class ApiKeyGrant {

    /** Where live workspaces and tenants sit; empty for unknown or deleted ones. */
    public record Tenancy(Predicate<UUID> liveOrganization,
                          Function<UUID, Optional<UUID>> organizationOfWorkspace,
                          Function<UUID, Optional<UUID>> workspaceOfTenant) {
    }

    private ApiKeyGrant() {
    }

    /**
     * Parses the requested permissions for a key of {@code scope}: unknown names are a 400, ones the
     * caller does not hold there (organization-wide, or through a role narrowed to the key's workspace
     * or tenant) a 403 naming them.
     */
    public static List<Permission> permissions(Caller caller, Collection<String> requested, ApiKeyScope scope) {
        if (requested == null || requested.isEmpty()) {
            throw Rejected.invalid("permissions", "an API key needs at least one permission");
        }
        Set<Permission> permissions = new LinkedHashSet<>();
        for (String name : requested) {
            try {
                permissions.add(PermissionCatalog.known(name == null ? "" : name.strip()));
            } catch (IllegalArgumentException e) {
                throw Rejected.invalid("permissions", "unknown permission '" + name + "'");
            }
        }
        requireHeld(caller, permissions, scope);
        return List.copyOf(permissions);
    }

    /**
     * The caller must hold every permission for the key's place. Rotating hands out a working secret
     * for the key, so it needs the same power as creating it: otherwise a caller could obtain a secret
     * for a key stronger than themselves.
     */
    public static void requireHeld(Caller caller, Collection<Permission> permissions, ApiKeyScope scope) {
        for (Permission permission : permissions) {
            if (!caller.hasIn(permission, scope.workspaceId(), scope.tenantId())) {
                throw Rejected.forbidden("you do not hold the permission " + permission + " yourself"
                        + (scope.workspaceId() == null ? "" : " where the key is scoped"));
            }
        }
    }

    /** Whether the caller may act on keys of {@code scope} with {@code action} (api-keys:read, rotate, revoke, create). */
    public static boolean allowedOn(Caller caller, Permission action, ApiKeyScope scope) {
        return caller.reaches(scope.organizationId()) && caller.hasIn(action, scope.workspaceId(), scope.tenantId());
    }

    /** The scope of a new key; the organization defaults to the caller's, the workspace to the tenant's. */
    public static ApiKeyScope scope(Caller caller, UUID organizationId, UUID workspaceId, UUID tenantId, Tenancy tenancy) {
        UUID organization = organizationId == null ? caller.organizationId() : organizationId;
        if (!caller.reaches(organization) || !tenancy.liveOrganization().test(organization)) {
            throw Rejected.notFound("organization", organization);
        }
        UUID workspace = workspaceId;
        if (workspace != null) {
            UUID owner = tenancy.organizationOfWorkspace().apply(workspace)
                    .filter(caller::reaches).orElseThrow(() -> Rejected.notFound("workspace", workspaceId));
            if (!owner.equals(organization)) {
                throw Rejected.invalid("workspaceId", "workspace " + workspace + " is not in organization " + organization);
            }
        }
        if (tenantId != null) {
            UUID tenantWorkspace = tenancy.workspaceOfTenant().apply(tenantId)
                    .filter(w -> tenancy.organizationOfWorkspace().apply(w).filter(caller::reaches).isPresent())
                    .orElseThrow(() -> Rejected.notFound("tenant", tenantId));
            if (workspace != null && !workspace.equals(tenantWorkspace)) {
                throw Rejected.invalid("tenantId", "tenant " + tenantId + " is not in workspace " + workspace);
            }
            if (workspace == null && !tenancy.organizationOfWorkspace().apply(tenantWorkspace).orElseThrow().equals(organization)) {
                throw Rejected.invalid("tenantId", "tenant " + tenantId + " is not in organization " + organization);
            }
            workspace = tenantWorkspace;
        }
        return new ApiKeyScope(organization, workspace, tenantId);
    }

    /** An expiry, when given, must lie in the future. */
    public static Instant expiry(Instant expiresAt, Instant now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw Rejected.invalid("expiresAt", "expiresAt must be in the future");
        }
        return expiresAt;
    }
}
