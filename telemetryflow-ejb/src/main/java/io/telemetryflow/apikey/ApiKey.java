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

/** A stored API key: its public id, the hash of its secret, its scope and permissions, and its lifecycle. */
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

    /** What verification needs, detached from the persistence context so it can be cached. */
    public ApiKeyVerifier.StoredKey toStoredKey() {
        return new ApiKeyVerifier.StoredKey(getId(), getKeyId(), getScope(), getPermissions(), getExpiresAt().orElse(null),
                isRevoked() || isDeleted(), secretHash, previousSecretHash,
                previousSecretValidUntil == null ? null : previousSecretValidUntil.toInstant());
    }
}
