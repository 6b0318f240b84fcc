package io.telemetryflow.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A team's or project's space inside an organization. */
@Entity
@Table(name = "workspaces")
public class Workspace extends TenancyNode {

    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    protected Workspace() {
    }

    public Workspace(UUID organizationId, Slug slug, String name, String actor, Instant now) {
        super(slug, name, actor, now);
        this.organizationId = organizationId;
    }

    public UUID getOrganizationId() {
        return organizationId;
    }
}
