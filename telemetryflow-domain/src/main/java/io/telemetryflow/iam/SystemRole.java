package io.telemetryflow.iam;

import java.util.HashSet;
import java.util.Set;

/**
 * The five built-in roles. A lower tier is more powerful. Super Administrator is the only role that
 * reaches across organizations; every other role acts inside the organization of its assignment.
 */
public enum SystemRole {

    SUPER_ADMINISTRATOR("Super Administrator", 1, "Global platform management across every organization",
            Set.copyOf(PermissionCatalog.ALL)),
    ADMINISTRATOR("Administrator", 2, "Manages one organization: its workspaces, tenants, users, roles, groups and keys",
            allExcept("regions:create", "regions:update", "regions:delete", "organizations:create", "organizations:delete",
                    "signing-keys:rotate")),
    DEVELOPER("Developer", 3, "Reads and writes telemetry, alerts and dashboards; manages API keys",
            PermissionCatalog.named("metrics:read", "metrics:write", "logs:read", "logs:write", "traces:read", "traces:write",
                    "alerts:read", "alerts:write", "dashboards:read", "dashboards:write",
                    "api-keys:create", "api-keys:read", "api-keys:rotate", "api-keys:revoke",
                    "regions:read", "organizations:read", "workspaces:read", "tenants:read",
                    "users:read", "roles:read", "permissions:read", "groups:read",
                    "notifications:read", "notifications:write")),
    VIEWER("Viewer", 4, "Read-only access to telemetry, alerts and dashboards",
            PermissionCatalog.named("metrics:read", "logs:read", "traces:read", "alerts:read", "dashboards:read",
                    "regions:read", "organizations:read", "workspaces:read", "tenants:read",
                    "notifications:read")),
    DEMO("Demo", 5, "Limited demo access: telemetry and dashboards, read-only",
            PermissionCatalog.named("metrics:read", "logs:read", "traces:read", "dashboards:read"));

    private final String displayName;
    private final int tier;
    private final String description;
    private final Set<Permission> permissions;

    SystemRole(String displayName, int tier, String description, Set<Permission> permissions) {
        this.displayName = displayName;
        this.tier = tier;
        this.description = description;
        this.permissions = permissions;
    }

    public String displayName() {
        return displayName;
    }

    public int tier() {
        return tier;
    }

    public String description() {
        return description;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public static java.util.Optional<SystemRole> byDisplayName(String name) {
        for (SystemRole role : values()) {
            if (role.displayName.equals(name)) {
                return java.util.Optional.of(role);
            }
        }
        return java.util.Optional.empty();
    }

    private static Set<Permission> allExcept(String... excluded) {
        Set<Permission> all = new HashSet<>(PermissionCatalog.ALL);
        all.removeAll(PermissionCatalog.named(excluded));
        return Set.copyOf(all);
    }
}
