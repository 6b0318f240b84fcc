package io.telemetryflow.iam.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission ({@code resource:action}, from {@link io.telemetryflow.iam.PermissionCatalog})
 * a signed-in caller needs for this endpoint. The access-control filter (auth) enforces it: no valid
 * access token → 401, token without the permission → 403.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresPermission {
    String value();

    /**
     * The endpoint acts on objects inside a workspace or tenant and its service checks the permission
     * in the object's own place ({@link io.telemetryflow.iam.Caller#hasIn}), so a permission held only
     * through a role narrowed to a workspace or tenant lets the call through here.
     */
    boolean belowOrganization() default false;
}
