package io.telemetryflow.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A customer company or business unit, living in one region. */
@Entity
@Table(name = "organizations")
public class Organization extends TenancyNode {

    @Column(name = "region_id", nullable = false, updatable = false)
    private UUID regionId;

    protected Organization() {
    }

    public Organization(UUID regionId, Slug slug, String name, String actor, Instant now) {
        super(slug, name, actor, now);
        this.regionId = regionId;
    }

    public UUID getRegionId() {
        return regionId;
    }
}
