package io.telemetryflow.apikey;

import io.telemetryflow.iam.Permission;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Who is calling with a verified API key: its scope and permissions. */
public record ApiKeyPrincipal(UUID id, ApiKeyId keyId, ApiKeyScope scope, List<Permission> permissions, Instant expiresAt)
        implements Serializable {

    public ApiKeyPrincipal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(scope, "scope");
        permissions = List.copyOf(permissions);
    }

    public boolean has(Permission wanted) {
        return permissions.stream().anyMatch(held -> held.grants(wanted));
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
