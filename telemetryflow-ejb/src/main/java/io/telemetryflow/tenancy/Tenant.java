package io.telemetryflow.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An environment (production, staging, ...) of a workspace: the unit telemetry is isolated by. */
@Entity
@Table(name = "tenants")
public class Tenant extends AuditedEntity {

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private UUID workspaceId;

    @Column(nullable = false)
    private String slug;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private boolean active = true;

    protected Tenant() {
    }

    public Tenant(UUID workspaceId, Slug slug, String name, String actor, Instant now) {
        super(actor, now);
        this.workspaceId = workspaceId;
        this.slug = slug.value();
        this.name = name;
    }

    public UUID getWorkspaceId() {
        return workspaceId;
    }

    public Slug getSlug() {
        return new Slug(slug);
    }

    public String getName() {
        return name;
    }

    public boolean isActive() {
        return active;
    }
}
