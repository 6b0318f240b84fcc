package io.telemetryflow.iam;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A row of the permission catalogue (seeded from {@link PermissionCatalog} at start-up). */
@Entity
@Table(name = "permissions")
public class StoredPermission {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(nullable = false)
    private String resource;

    @Column(nullable = false)
    private String action;

    @Column(nullable = false)
    private String description;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected StoredPermission() {
    }

    public StoredPermission(Permission permission, String description, Instant now) {
        this.id = UUID.randomUUID();
        this.name = permission.toString();
        this.resource = permission.resource();
        this.action = permission.action();
        this.description = description;
        this.createdAt = now.atOffset(ZoneOffset.UTC);
    }

    public UUID getId() {
        return id;
    }

    public Permission toPermission() {
        return new Permission(resource, action);
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }
}
