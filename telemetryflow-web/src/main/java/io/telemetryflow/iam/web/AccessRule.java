package io.telemetryflow.iam.web;

import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.iam.PermissionCatalog;
import io.telemetryflow.platform.web.Anonymous;
import io.telemetryflow.platform.web.Authenticated;
import io.telemetryflow.platform.web.RequiresPermission;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The access rule declared on a resource method. Public so the authorization-matrix test reads the
 * rules the same way the filter does.
 */
public record AccessRule(boolean anonymous, boolean authenticated, Optional<Permission> permission, boolean belowOrganization) {

    public static AccessRule of(Method method) {
        RequiresPermission requires = method.getAnnotation(RequiresPermission.class);
        boolean anonymous = method.isAnnotationPresent(Anonymous.class);
        boolean authenticated = method.isAnnotationPresent(Authenticated.class);
        int rules = (requires == null ? 0 : 1) + (anonymous ? 1 : 0) + (authenticated ? 1 : 0);
        if (rules > 1) {
            throw new IllegalStateException(method + " declares more than one access rule");
        }
        return new AccessRule(anonymous, authenticated,
                Optional.ofNullable(requires).map(r -> PermissionCatalog.known(r.value())),
                requires != null && requires.belowOrganization());
    }

    /** Whether the caller passes the filter: the permission held organization-wide, or anywhere for endpoints below it. */
    public boolean admits(Caller caller) {
        return permission.map(needed -> belowOrganization ? caller.holdsAnywhere(needed) : caller.has(needed)).orElse(true);
    }

    public boolean missing() {
        return !anonymous && !authenticated && permission.isEmpty();
    }
}
