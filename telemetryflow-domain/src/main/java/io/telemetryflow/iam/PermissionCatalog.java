package io.telemetryflow.iam;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every permission the platform knows, as {@code resource:action}. The IAM part covers the
 * reference's 22+ IAM permissions (regions, organizations, workspaces, tenants, users, roles,
 * permissions, groups); the rest guard telemetry, alerts, dashboards, API keys and the audit trail.
 * Endpoints name one of these; roles and API keys hold subsets of them.
 */
public final class PermissionCatalog {

    private static final List<String> CRUD = List.of("create", "read", "update", "delete");

    /** IAM: the tenancy hierarchy and the identity objects. */
    public static final List<Permission> IAM = iam();

    /** Telemetry, alerting, dashboards, API keys, audit, and the rotation of the platform's JWT signing key. */
    public static final List<Permission> PLATFORM = List.of(
            p("metrics:read"), p("metrics:write"), p("logs:read"), p("logs:write"), p("traces:read"), p("traces:write"),
            p("alerts:read"), p("alerts:write"), p("dashboards:read"), p("dashboards:write"),
            p("api-keys:create"), p("api-keys:read"), p("api-keys:rotate"), p("api-keys:revoke"),
            p("audit:read"), p("signing-keys:rotate"), p("notifications:read"), p("notifications:write"));

    public static final List<Permission> ALL = concat(IAM, PLATFORM);

    private static final Set<Permission> KNOWN = Set.copyOf(ALL);

    private PermissionCatalog() {
    }

    /** Whether {@code permission} is one the platform defines (wildcards are not). */
    public static boolean isKnown(Permission permission) {
        return KNOWN.contains(permission);
    }

    /** Parses and checks a permission name, rejecting wildcards and unknown names. */
    public static Permission known(String text) {
        Permission permission = Permission.parse(text);
        if (!isKnown(permission)) {
            throw new IllegalArgumentException("unknown permission '" + text + "'");
        }
        return permission;
    }

    public static Set<Permission> named(String... names) {
        return java.util.Arrays.stream(names).map(PermissionCatalog::known).collect(Collectors.toUnmodifiableSet());
    }

    private static List<Permission> iam() {
        List<Permission> permissions = new ArrayList<>();
        for (String resource : List.of("regions", "organizations", "workspaces", "tenants", "users", "roles", "groups")) {
            CRUD.forEach(action -> permissions.add(new Permission(resource, action)));
        }
        permissions.add(p("users:assign-roles"));
        permissions.add(p("permissions:read"));
        return Collections.unmodifiableList(permissions);
    }

    private static Permission p(String text) {
        return Permission.parse(text);
    }

    private static List<Permission> concat(List<Permission> a, List<Permission> b) {
        List<Permission> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
