package io.telemetryflow.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A customer company or business unit, living in one region. */
@Entity
@Table(name = "organizations")
public class Organization extends AuditedEntity {

    @Column(name = "region_id", nullable = false, updatable = false)
    private UUID regionId;

    @Column(nullable = false)
    private String slug;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private boolean active = true;

    protected Organization() {
    }

    public Organization(UUID regionId, Slug slug, String name, String actor, Instant now) {
        super(actor, now);
        this.regionId = regionId;
        this.slug = slug.value();
        this.name = name;
    }

    public UUID getRegionId() {
        return regionId;
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
