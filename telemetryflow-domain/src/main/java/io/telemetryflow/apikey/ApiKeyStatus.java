package io.telemetryflow.apikey;

import java.time.Instant;

/** Where a key stands in its lifecycle; revocation wins over expiry. */
public enum ApiKeyStatus {
    ACTIVE, REVOKED, EXPIRED;

    public static ApiKeyStatus of(Instant revokedAt, Instant expiresAt, Instant now) {
        if (revokedAt != null) {
            return REVOKED;
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? EXPIRED : ACTIVE;
    }
}
