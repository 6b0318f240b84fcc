package io.telemetryflow.tenancy;

/** The levels of the tenancy hierarchy, outermost first: Region → Organization → Workspace → Tenant. */
public enum TenancyLevel {
    REGION, ORGANIZATION, WORKSPACE, TENANT;

    /** The level this one belongs to, or {@code null} for a region. */
    public TenancyLevel parent() {
        return ordinal() == 0 ? null : values()[ordinal() - 1];
    }
}
