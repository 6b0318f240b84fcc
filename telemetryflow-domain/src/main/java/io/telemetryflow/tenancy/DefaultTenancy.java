package io.telemetryflow.tenancy;

/**
 * What a new installation starts with: one region, organization and workspace and a
 * {@code production} tenant, so that telemetry can be sent before anyone designs a hierarchy.
 */
public final class DefaultTenancy {

    public static final String REGION_CODE = "default";
    public static final String REGION_NAME = "Default region";
    public static final Slug ORGANIZATION_SLUG = new Slug("default");
    public static final String ORGANIZATION_NAME = "Default organization";
    public static final Slug WORKSPACE_SLUG = new Slug("default");
    public static final String WORKSPACE_NAME = "Default workspace";
    public static final Slug TENANT_SLUG = new Slug("production");
    public static final String TENANT_NAME = "Production";

    /** The actor recorded in created_by/updated_by for objects the platform makes itself. */
    public static final String SYSTEM_ACTOR = "system";

    private DefaultTenancy() {
    }
}
