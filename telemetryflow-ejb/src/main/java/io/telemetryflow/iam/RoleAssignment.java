package io.telemetryflow.iam;

import io.telemetryflow.tenancy.NullableUuid;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A role held by a user within an organization, optionally narrowed to a workspace or a tenant. */
@Entity
@Table(name = "user_roles")
public class RoleAssignment {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(name = "role_id", nullable = false, updatable = false)
    private UUID roleId;

    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "workspace_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID workspaceId;

    @Column(name = "tenant_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID tenantId;

    @Column(name = "assigned_at", nullable = false, updatable = false)
    private OffsetDateTime assignedAt;

    @Column(name = "assigned_by", nullable = false, updatable = false)
    private String assignedBy;

    protected RoleAssignment() {
    }

    public RoleAssignment(UUID userId, UUID roleId, UUID organizationId, UUID workspaceId, UUID tenantId, String actor, Instant now) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.roleId = roleId;
        this.organizationId = organizationId;
        this.workspaceId = workspaceId;
        this.tenantId = tenantId;
        this.assignedAt = now.atOffset(ZoneOffset.UTC);
        this.assignedBy = actor;
    }

    public UUID getId() {
        return id;
    }

    public UUID getUserId() {
        return userId;
    }

    public UUID getRoleId() {
        return roleId;
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public UUID getWorkspaceId() {
        return workspaceId;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public Instant getAssignedAt() {
        return assignedAt.toInstant();
    }
}
