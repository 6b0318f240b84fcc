package io.telemetryflow.apikey;

import io.telemetryflow.iam.Permission;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key as the management API shows it: everything but the secret and its hash.
 * {@code rotationGraceEndsAt} is when the secret replaced by the last rotation stops working.
 */
public record ApiKeyView(UUID id, String keyId, String name, String status, Scope scope, List<String> permissions,
                         Instant createdAt, String createdBy, Instant expiresAt, Instant revokedAt, Instant lastUsedAt,
                         long useCount, Instant rotationGraceEndsAt) {

    public record Scope(UUID organizationId, UUID workspaceId, UUID tenantId) {
    }

    static ApiKeyView of(ApiKey key, Instant now) {
        ApiKeyScope scope = key.getScope();
        return new ApiKeyView(key.getId(), key.getKeyId().value(), key.getName(), key.status(now).name().toLowerCase(java.util.Locale.ROOT),
                new Scope(scope.organizationId(), scope.workspaceId(), scope.tenantId()),
                key.getPermissions().stream().map(Permission::toString).toList(),
                key.getCreatedAt(), key.getCreatedBy(), key.getExpiresAt().orElse(null), key.getRevokedAt().orElse(null),
                key.getLastUsedAt().orElse(null), key.getUseCount(), key.getPreviousSecretValidUntil().orElse(null));
    }

    /** A key with its secret: the answer to create and rotate, the only time the secret is ever shown. */
    public record WithSecret(ApiKeyView apiKey, String secret) {
    }

    /**
     * One page of a key list in the shape this list has always answered: {@code page} counts from 1 and is the page the
     * window starts in, {@code size} its length.
     */
    public record Page(List<ApiKeyView> items, int page, int size, long total) {

        public static Page of(io.telemetryflow.platform.paging.Page<ApiKeyView> found) {
            return new Page(found.items(), found.offset() / found.limit() + 1, found.limit(), found.total());
        }
    }
}
