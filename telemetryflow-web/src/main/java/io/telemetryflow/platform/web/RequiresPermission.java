package io.telemetryflow.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission ({@code resource:action}, from IAM's {@code PermissionCatalog}) a signed-in caller needs
 * for this endpoint. One of the three access rules every resource method declares (with {@link Anonymous}
 * and {@link Authenticated}); they are shared vocabulary of all features' resources, read by IAM's
 * {@code AccessRule} and enforced by the access-control filter: no valid access token → 401, token without
 * the permission → 403.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresPermission {
    String value();

    /**
     * The endpoint acts on objects inside a workspace or tenant and its service checks the permission
     * in the object's own place ({@code Caller.hasIn}), so a permission held only
     * through a role narrowed to a workspace or tenant lets the call through here.
     */
    boolean belowOrganization() default false;
}
