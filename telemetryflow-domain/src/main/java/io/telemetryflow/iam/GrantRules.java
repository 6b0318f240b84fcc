package io.telemetryflow.iam;

import io.telemetryflow.platform.error.Rejected;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a caller may hand out or take away. Nobody grants more than they hold: a custom role's
 * permissions, a role assignment and a direct permission must all be covered by the granter's own
 * permissions, and only a Super Administrator assigns the Super Administrator role. The same holds
 * for managing another user: an Administrator cannot deactivate, change or delete someone who holds
 * permissions the Administrator does not (a Super Administrator in the same organization, say).
 */
public final class GrantRules {

    private GrantRules() {
    }

    /** The permissions of {@code wanted} the caller does not hold (wildcards held by the caller count). */
    public static Set<String> notHeld(Caller caller, Collection<Permission> wanted) {
        Set<String> missing = new TreeSet<>();
        for (Permission permission : wanted) {
            if (!caller.has(permission)) {
                missing.add(permission.toString());
            }
        }
        return missing;
    }

    /** Refuses (403) permissions beyond the caller's own. */
    public static void requireHeld(Caller caller, Collection<Permission> wanted) {
        Set<String> missing = notHeld(caller, wanted);
        if (!missing.isEmpty()) {
            throw Rejected.forbidden("you cannot grant permissions you do not hold: " + String.join(", ", missing));
        }
    }

    /** Refuses (403) assigning or removing a role the caller could not have created. */
    public static void requireAssignable(Caller caller, String roleName, Collection<Permission> rolePermissions) {
        if (isSuperAdministrator(roleName) && !caller.superAdministrator()) {
            throw Rejected.forbidden("only a Super Administrator assigns or removes the Super Administrator role");
        }
        requireHeld(caller, rolePermissions);
    }

    /** Refuses (403) managing a user who holds a role or permissions the caller does not. */
    public static void requireOutranks(Caller caller, Set<String> targetRoles, Collection<Permission> targetPermissions) {
        if (caller.superAdministrator()) {
            return;
        }
        if (targetRoles.stream().anyMatch(GrantRules::isSuperAdministrator) || !notHeld(caller, targetPermissions).isEmpty()) {
            throw Rejected.forbidden("this user holds permissions you do not hold; ask a Super Administrator");
        }
    }

    /** A custom role may not borrow a system role's name: access decisions read role names (Super Administrator). */
    public static void requireCustomRoleName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (SystemRole role : SystemRole.values()) {
            if (role.displayName().toLowerCase(Locale.ROOT).equals(wanted)) {
                throw Rejected.conflict("name", "'" + role.displayName() + "' is a system role's name");
            }
        }
    }

    private static boolean isSuperAdministrator(String roleName) {
        return SystemRole.SUPER_ADMINISTRATOR.displayName().equals(roleName);
    }
}
