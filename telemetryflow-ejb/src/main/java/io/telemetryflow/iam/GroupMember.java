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

/** A user's membership of a group. */
@Entity
@Table(name = "group_members")
@IdClass(GroupMember.Key.class)
public class GroupMember {

    /** The composite key; JPA sets its fields reflectively, so it is a plain class, not a record. */
    public static class Key implements Serializable {
        private UUID groupId;
        private UUID userId;

        public Key() {
        }

        public Key(UUID groupId, UUID userId) {
            this.groupId = groupId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(groupId, key.groupId) && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(groupId, userId);
        }
    }

    @Id
    @Column(name = "group_id")
    private UUID groupId;

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "added_at", nullable = false, updatable = false)
    private OffsetDateTime addedAt;

    @Column(name = "added_by", nullable = false, updatable = false)
    private String addedBy;

    protected GroupMember() {
    }

    public GroupMember(UUID groupId, UUID userId, String actor, Instant now) {
        this.groupId = groupId;
        this.userId = userId;
        this.addedAt = now.atOffset(ZoneOffset.UTC);
        this.addedBy = actor;
    }

    public UUID getGroupId() {
        return groupId;
    }

    public UUID getUserId() {
        return userId;
    }

    public Instant getAddedAt() {
        return addedAt.toInstant();
    }
}
