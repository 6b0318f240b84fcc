package io.telemetryflow.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A team's or project's space inside an organization. */
@Entity
@Table(name = "workspaces")
public class Workspace extends AuditedEntity {

    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(nullable = false)
    private String slug;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private boolean active = true;

    protected Workspace() {
    }

    public Workspace(UUID organizationId, Slug slug, String name, String actor, Instant now) {
        super(actor, now);
        this.organizationId = organizationId;
        this.slug = slug.value();
        this.name = name;
    }

    public UUID getOrganizationId() {
        return organizationId;
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
