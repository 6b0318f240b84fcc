package io.telemetryflow.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An environment (production, staging, ...) of a workspace: the unit telemetry is isolated by. */
@Entity
@Table(name = "tenants")
public class Tenant extends TenancyNode {

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private UUID workspaceId;

    protected Tenant() {
    }

    public Tenant(UUID workspaceId, Slug slug, String name, String actor, Instant now) {
        super(slug, name, actor, now);
        this.workspaceId = workspaceId;
    }

    public UUID getWorkspaceId() {
        return workspaceId;
    }
}
