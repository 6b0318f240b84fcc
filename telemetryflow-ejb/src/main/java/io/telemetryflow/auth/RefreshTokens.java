package io.telemetryflow.auth;

import io.telemetryflow.platform.security.SecureTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Rotating refresh tokens. A login starts a family (the session); each refresh uses up the
 * presented token and issues the next one in the family. A used token presented again means it
 * was stolen or replayed: the whole family is revoked, so neither the thief nor the user can go on
 * without signing in again. Revoking a family also denies the access tokens issued in it (by their
 * session id, for as long as such a token can live), so a revoked session stops at once everywhere.
 * A session ends a fixed time after its sign-in however often it is refreshed
 * ({@code telemetryflow.auth.session-max-lifetime}); a refresh after that revokes it.
 */
@ApplicationScoped
public class RefreshTokens {

    static final String PREFIX = "tfr_";
    private final SecureRandom random = new SecureRandom();
    Clock clock = Clock.systemUTC();

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    AuthSettings settings;

    @Inject
    AccessTokenDenyList denyList;

    public record Issued(String token, UUID familyId, Instant expiresAt) {
    }

    /** Outcome of presenting a refresh token: the next token, or why not. */
    public record Rotation(Optional<Issued> next, UUID userId, String failure, boolean reuseDetected) {
        static Rotation failed(String failure, UUID userId, boolean reuse) {
            return new Rotation(Optional.empty(), userId, failure, reuse);
        }
    }

    @Transactional
    public Issued startFamily(UUID userId, String ipAddress, String userAgent) {
        return issue(UUID.randomUUID(), userId, clock.instant(), ipAddress, userAgent);
    }

    /** Runs in its own transaction so a detected reuse stays revoked although the request fails. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Rotation rotate(String presented, String ipAddress, String userAgent) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
            return Rotation.failed("malformed refresh token", null, false);
        }
        Optional<RefreshToken> found = em.createQuery("SELECT t FROM RefreshToken t WHERE t.tokenHash = :hash", RefreshToken.class)
                .setParameter("hash", SecureTokens.sha256Hex(presented))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
        if (found.isEmpty()) {
            return Rotation.failed("unknown refresh token", null, false);
        }
        RefreshToken token = found.get();
        Instant now = clock.instant();
        if (token.isRevoked()) {
            return Rotation.failed("refresh token revoked", token.getUserId(), false);
        }
        if (token.isUsed()) {
            revokeFamily(token.getFamilyId());
            return Rotation.failed("refresh token reused: session revoked", token.getUserId(), true);
        }
        if (settings.sessionLifetime().isOver(token.getSessionStartedAt(), now)) {
            revokeFamily(token.getFamilyId());
            return Rotation.failed("session too old: sign in again", token.getUserId(), false);
        }
        if (token.isExpiredAt(now)) {
            return Rotation.failed("refresh token expired", token.getUserId(), false);
        }
        token.markUsed(now);
        return new Rotation(Optional.of(issue(token.getFamilyId(), token.getUserId(), token.getSessionStartedAt(), ipAddress, userAgent)),
                token.getUserId(), null, false);
    }

    /** Ends a session: none of its refresh tokens works any more. */
    @Transactional
    public void revokeFamily(UUID familyId) {
        em.createQuery("UPDATE RefreshToken t SET t.revokedAt = :now WHERE t.familyId = :family AND t.revokedAt IS NULL")
                .setParameter("now", Instant.now().atOffset(ZoneOffset.UTC)).setParameter("family", familyId).executeUpdate();
        denyList.denySession(familyId, settings.accessTokenTtl());
    }

    /** Ends every session of a user except {@code keepFamily} (may be null): after a password change or reset. */
    @Transactional
    public int revokeAllOf(UUID userId, UUID keepFamily) {
        em.createQuery("SELECT DISTINCT t.familyId FROM RefreshToken t WHERE t.userId = :user AND t.revokedAt IS NULL", UUID.class)
                .setParameter("user", userId).getResultList().stream()
                .filter(family -> !family.equals(keepFamily))
                .forEach(family -> denyList.denySession(family, settings.accessTokenTtl()));
        var update = em.createQuery("UPDATE RefreshToken t SET t.revokedAt = :now WHERE t.userId = :user AND t.revokedAt IS NULL"
                        + (keepFamily == null ? "" : " AND t.familyId <> :keep"))
                .setParameter("now", Instant.now().atOffset(ZoneOffset.UTC)).setParameter("user", userId);
        if (keepFamily != null) {
            update.setParameter("keep", keepFamily);
        }
        return update.executeUpdate();
    }

    private Issued issue(UUID familyId, UUID userId, Instant sessionStart, String ipAddress, String userAgent) {
        String token = PREFIX + SecureTokens.random256(random);
        Instant now = clock.instant();
        Instant expires = settings.sessionLifetime().tokenExpiry(sessionStart, now);
        em.persist(new RefreshToken(familyId, userId, SecureTokens.sha256Hex(token), sessionStart, now, expires, ipAddress, userAgent));
        return new Issued(token, familyId, expires);
    }
}
