package io.telemetryflow.apikey;

import io.telemetryflow.tenancy.NullableUuid;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.tenancy.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A stored API key: its public id, the hash of its secret, its scope and permissions, and its lifecycle.
 * Not kept in EclipseLink's per-node shared cache: another node may revoke or rotate it, and the usage
 * columns are written by {@link ApiKeyUsage} in SQL, so every read must see the database.
 */
@Entity
@Table(name = "api_keys")
public class ApiKey extends AuditedEntity {

    @Column(name = "key_id", nullable = false, updatable = false)
    private String keyId;

    @Column(nullable = false)
    private String name;

    @Column(name = "secret_hash", nullable = false)
    private String secretHash;

    @Column(name = "previous_secret_hash")
    private String previousSecretHash;

    @Column(name = "previous_secret_valid_until")
    private OffsetDateTime previousSecretValidUntil;

    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "workspace_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID workspaceId;

    @Column(name = "tenant_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID tenantId;

    /** Space-separated resource:action pairs; parsed through {@link Permission}. */
    @Column(nullable = false)
    private String permissions;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    /** Written only in batches by {@link ApiKeyUsage}, never through the entity. */
    @Column(name = "last_used_at", insertable = false, updatable = false)
    private OffsetDateTime lastUsedAt;

    @Column(name = "use_count", insertable = false, updatable = false)
    private long useCount;

    protected ApiKey() {
    }

    public ApiKey(ApiKeyId keyId, String name, String secretHash, ApiKeyScope scope, Collection<Permission> permissions,
                  Instant expiresAt, String actor, Instant now) {
        super(actor, now);
        this.keyId = keyId.value();
        this.name = name;
        this.secretHash = secretHash;
        this.organizationId = scope.organizationId();
        this.workspaceId = scope.workspaceId();
        this.tenantId = scope.tenantId();
        this.permissions = permissions.stream().map(Permission::toString).sorted().collect(Collectors.joining(" "));
        this.expiresAt = expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC);
    }

    public ApiKeyId getKeyId() {
        return new ApiKeyId(keyId);
    }

    public String getName() {
        return name;
    }

    public ApiKeyScope getScope() {
        return new ApiKeyScope(organizationId, workspaceId, tenantId);
    }

    public List<Permission> getPermissions() {
        return permissions.isBlank() ? List.of() : Arrays.stream(permissions.split(" ")).map(Permission::parse).toList();
    }

    public Optional<Instant> getExpiresAt() {
        return Optional.ofNullable(expiresAt).map(OffsetDateTime::toInstant);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public Optional<Instant> getRevokedAt() {
        return Optional.ofNullable(revokedAt).map(OffsetDateTime::toInstant);
    }

    public Optional<Instant> getLastUsedAt() {
        return Optional.ofNullable(lastUsedAt).map(OffsetDateTime::toInstant);
    }

    public long getUseCount() {
        return useCount;
    }

    /** When the secret replaced by the last rotation stops working (possibly in the past). */
    public Optional<Instant> getPreviousSecretValidUntil() {
        return Optional.ofNullable(previousSecretValidUntil).map(OffsetDateTime::toInstant);
    }

    public ApiKeyStatus status(Instant now) {
        return ApiKeyStatus.of(getRevokedAt().orElse(null), getExpiresAt().orElse(null), now);
    }

    /**
     * Replaces the secret; the current one keeps working until {@code graceEnd}. A secret still in an
     * earlier grace period stops at once: only one previous secret is kept.
     */
    public void rotate(String newSecretHash, Instant graceEnd, String actor, Instant now) {
        this.previousSecretHash = secretHash;
        this.previousSecretValidUntil = graceEnd.atOffset(ZoneOffset.UTC);
        this.secretHash = newSecretHash;
        touched(actor, now);
    }

    /** Revokes the key; revoking it again changes nothing (the first revocation time stays). */
    public boolean revoke(String actor, Instant now) {
        if (revokedAt != null) {
            return false;
        }
        revokedAt = now.atOffset(ZoneOffset.UTC);
        touched(actor, now);
        return true;
    }

    /**
     * What verification needs, detached from the persistence context so it can be cached; {@code scopeLive} says whether
     * the organization, workspace and tenant the key is scoped to are all still there and active.
     */
    public ApiKeyVerifier.StoredKey toStoredKey(boolean scopeLive) {
        return new ApiKeyVerifier.StoredKey(getId(), getKeyId(), getScope(), getPermissions(), getExpiresAt().orElse(null),
                isRevoked() || isDeleted(), scopeLive, secretHash, previousSecretHash,
                previousSecretValidUntil == null ? null : previousSecretValidUntil.toInstant());
    }
}
