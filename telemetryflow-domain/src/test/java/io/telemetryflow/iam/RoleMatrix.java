package io.telemetryflow.iam;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What each system role holds, written out permission by permission and never computed from {@link SystemRole} or
 * {@link PermissionCatalog}, so that a wrong grant in production fails the tests that compare against it
 * ({@code RolesAndPermissionsTest}, and {@code AuthorizationMatrixIT} through this module's test jar).
 * <p>
 * Sources: the reference documentation (shared/reference/00-platform-overview.md, "5-Tier RBAC System") gives each role
 * one line and no permission matrix; docs/iam.md ("Roles and permissions") spells the grants out, and this table follows
 * it. Where the reference's line reads narrower than the grant, a comment says so: the grant is kept, because the
 * reference does not say enough to call it wrong (reported on issue #21).
 */
public final class RoleMatrix {

    /** The permission catalogue: IAM (7 objects × CRUD, users:assign-roles, permissions:read) and platform. */
    public static final Set<String> CATALOGUE = Set.of(
            "regions:create", "regions:read", "regions:update", "regions:delete",
            "organizations:create", "organizations:read", "organizations:update", "organizations:delete",
            "workspaces:create", "workspaces:read", "workspaces:update", "workspaces:delete",
            "tenants:create", "tenants:read", "tenants:update", "tenants:delete",
            "users:create", "users:read", "users:update", "users:delete", "users:assign-roles",
            "roles:create", "roles:read", "roles:update", "roles:delete",
            "groups:create", "groups:read", "groups:update", "groups:delete",
            "permissions:read",
            "metrics:read", "metrics:write", "logs:read", "logs:write", "traces:read", "traces:write",
            "alerts:read", "alerts:write", "dashboards:read", "dashboards:write",
            "api-keys:create", "api-keys:read", "api-keys:rotate", "api-keys:revoke",
            "audit:read", "signing-keys:rotate",
            "notifications:read", "notifications:write");

    private static final Map<SystemRole, Set<String>> HOLDS = new EnumMap<>(Map.of(
            // reference: "Global platform management"
            SystemRole.SUPER_ADMINISTRATOR, CATALOGUE,
            // reference: "Organization-level management"; docs/iam.md: everything except creating/changing/deleting
            // regions, creating/deleting organizations and rotating the platform's signing key
            SystemRole.ADMINISTRATOR, except(CATALOGUE, "regions:create", "regions:update", "regions:delete",
                    "organizations:create", "organizations:delete", "signing-keys:rotate"),
            // reference: "Write access to telemetry" only; docs/iam.md adds alerts and dashboards read+write, API keys
            // (an API key is how telemetry is written) and reads of the IAM objects. Broader than the reference's line.
            SystemRole.DEVELOPER, Set.of(
                    "metrics:read", "metrics:write", "logs:read", "logs:write", "traces:read", "traces:write",
                    "alerts:read", "alerts:write", "dashboards:read", "dashboards:write",
                    "api-keys:create", "api-keys:read", "api-keys:rotate", "api-keys:revoke",
                    "regions:read", "organizations:read", "workspaces:read", "tenants:read",
                    "users:read", "roles:read", "groups:read", "permissions:read",
                    "notifications:read", "notifications:write"),
            // reference: "Read-only dashboard access"; docs/iam.md: reads of telemetry (what dashboards show), alerts
            // and the tenancy hierarchy. Broader than the reference's line; read-only as it says.
            SystemRole.VIEWER, Set.of(
                    "metrics:read", "logs:read", "traces:read", "alerts:read", "dashboards:read",
                    "regions:read", "organizations:read", "workspaces:read", "tenants:read",
                    "notifications:read"),
            // reference: "Limited demo access"
            SystemRole.DEMO, Set.of("metrics:read", "logs:read", "traces:read", "dashboards:read")));

    private RoleMatrix() {
    }

    /** The permissions {@code role} holds, as {@code resource:action}. */
    public static Set<String> holds(SystemRole role) {
        return HOLDS.get(role);
    }

    private static Set<String> except(Set<String> all, String... withheld) {
        Set<String> held = new HashSet<>(all);
        held.removeAll(Set.of(withheld));
        return Set.copyOf(held);
    }

    /** Whether {@code role} holds {@code permission} ({@code resource:action}; the matrix has no wildcards). */
    public static boolean grants(SystemRole role, String permission) {
        return holds(role).contains(permission);
    }
}
