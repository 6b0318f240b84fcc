package io.telemetryflow.iam;

import io.telemetryflow.tenancy.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A named set of users of one organization (teams, on-call rotations). */
@Entity(name = "UserGroup")   // GROUP is a JPQL keyword
@Table(name = "groups")
public class Group extends AuditedEntity {

    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String description;

    protected Group() {
    }

    public Group(UUID organizationId, String name, String description, String actor, Instant now) {
        super(actor, now);
        this.organizationId = organizationId;
        this.name = name;
        this.description = description;
    }

    public void change(String name, String description, String actor, Instant now) {
        this.name = name;
        this.description = description;
        touched(actor, now);
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }
}
