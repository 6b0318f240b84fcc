package io.telemetryflow.auth;

import io.telemetryflow.iam.AccessDirectory;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.UserStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/**
 * Who an access token stands for, once {@link TokenIssuer#readAccessToken} has verified its key, signature, issuer,
 * audience and lifetime:
 * the token and its session must not be revoked (logout, revoked sessions) and its user must be active; the caller
 * carries the user's current roles and permissions. The REST filter and the live tail both decide through this, so a
 * deactivated user or a revoked role stops working on both at once.
 */
@ApplicationScoped
public class AccessTokenCallers {

    @Inject
    AccessDirectory access;

    @Inject
    AccessTokenDenyList denyList;

    /**
     * The caller of a verified token, from its id ({@code jti}), session id ({@code sid}, may be null) and subject; the
     * live tail asks again while a socket stays open.
     */
    public Optional<Caller> caller(String tokenId, String sessionId, String subject) {
        if (subject == null || tokenId == null || denyList.isDenied(tokenId, sessionId)) {
            return Optional.empty();
        }
        UUID userId;
        try {
            userId = UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return access.find(userId)
                .filter(user -> user.status() == UserStatus.ACTIVE)
                .map(user -> user.asCaller(sessionId));
    }
}
