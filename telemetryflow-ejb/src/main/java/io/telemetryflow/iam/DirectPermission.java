package io.telemetryflow.iam;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/** A permission granted to a user directly, beside those of the user's roles. */
@Entity
@Table(name = "user_permissions")
@IdClass(DirectPermission.Key.class)
public class DirectPermission {

    /** The composite key; JPA sets its fields reflectively, so it is a plain class, not a record. */
    public static class Key implements Serializable {
        private UUID userId;
        private UUID permissionId;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(userId, key.userId) && Objects.equals(permissionId, key.permissionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, permissionId);
        }
    }

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Id
    @Column(name = "permission_id")
    private UUID permissionId;

    @Column(name = "assigned_at", nullable = false, updatable = false)
    private OffsetDateTime assignedAt;

    @Column(name = "assigned_by", nullable = false, updatable = false)
    private String assignedBy;

    protected DirectPermission() {
    }

    public DirectPermission(UUID userId, UUID permissionId, String actor, Instant now) {
        this.userId = userId;
        this.permissionId = permissionId;
        this.assignedAt = now.atOffset(ZoneOffset.UTC);
        this.assignedBy = actor;
    }

    public UUID getUserId() {
        return userId;
    }

    public UUID getPermissionId() {
        return permissionId;
    }
}
