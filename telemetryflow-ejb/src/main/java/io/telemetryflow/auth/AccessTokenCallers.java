package io.telemetryflow.auth;

import io.telemetryflow.iam.AccessDirectory;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.UserStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who an access token stands for, once MicroProfile JWT has verified its signature, issuer, audience and lifetime:
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

    public Optional<Caller> caller(JsonWebToken token) {
        if (token == null) {
            return Optional.empty();
        }
        return caller(token.getTokenID(), token.getClaim("sid"), token.getSubject());
    }

    /** The same decision from a token's id, session id (may be null) and subject, e.g. again for a long-lived socket. */
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
