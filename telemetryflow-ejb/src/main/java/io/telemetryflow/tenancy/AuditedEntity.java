package io.telemetryflow.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * UUID key, who/when audit fields, soft delete and optimistic locking, shared by the hierarchy's tables.
 * Times are mapped as OffsetDateTime in UTC because JPA 3.1 has no mapping for Instant.
 */
@MappedSuperclass
public abstract class AuditedEntity {

    @Id
    private UUID id;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "deleted_at")
    private OffsetDateTime deletedAt;

    @Column(name = "deleted_by")
    private String deletedBy;

    @Version
    private long version;

    protected AuditedEntity() {
    }

    protected AuditedEntity(String actor, Instant now) {
        this.id = UUID.randomUUID();
        this.createdAt = utc(now);
        this.createdBy = actor;
        this.updatedAt = utc(now);
        this.updatedBy = actor;
    }

    protected final void touched(String actor, Instant now) {
        this.updatedAt = utc(now);
        this.updatedBy = actor;
    }

    public void softDelete(String actor, Instant now) {
        if (deletedAt == null) {
            deletedAt = utc(now);
            deletedBy = actor;
            touched(actor, now);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public UUID getId() {
        return id;
    }

    public Instant getCreatedAt() {
        return createdAt.toInstant();
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt.toInstant();
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    /** The optimistic-lock version: a client that read this one may write (a stale one is a conflict). */
    public long getVersion() {
        return version;
    }

    public Instant getDeletedAt() {
        return deletedAt == null ? null : deletedAt.toInstant();
    }
}
