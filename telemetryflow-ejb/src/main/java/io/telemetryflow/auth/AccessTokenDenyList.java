package io.telemetryflow.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Ids of access tokens revoked before they expire (logout), and of sessions whose access tokens are all revoked (kept
 * as {@code sid:<session id>} for as long as such a token can live). A revoked id is denied on every node because every
 * node asks PostgreSQL ({@code revoked_access_tokens}, one primary-key lookup per check). The list is deliberately not
 * in the cache cluster: a member there can delete an entry, and an absent entry would un-revoke the token; no MAC can
 * prove an absence.
 */
@ApplicationScoped
public class AccessTokenDenyList {

    private static final String SESSION_PREFIX = "sid:";

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Transactional
    public void deny(String tokenId, Instant expiresAt) {
        if (!expiresAt.isAfter(Instant.now())) {
            return;
        }
        em.createNativeQuery("INSERT INTO revoked_access_tokens (token_id, expires_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, tokenId).setParameter(2, expiresAt.atOffset(ZoneOffset.UTC)).executeUpdate();
    }

    /** Denies every access token of a session (refresh-token family) issued so far. */
    public void denySession(UUID sessionId, Duration accessTokenLifetime) {
        deny(SESSION_PREFIX + sessionId, Instant.now().plus(accessTokenLifetime).plusSeconds(60));
    }

    /** Whether the token, or the session it belongs to ({@code sessionId} may be null), was revoked. */
    public boolean isDenied(String tokenId, String sessionId) {
        String session = sessionId == null ? tokenId : SESSION_PREFIX + sessionId;
        return !em.createNativeQuery("SELECT 1 FROM revoked_access_tokens WHERE token_id IN (?1, ?2) AND expires_at > now()")
                .setParameter(1, tokenId).setParameter(2, session).setMaxResults(1).getResultList().isEmpty();
    }

    public boolean isDenied(String tokenId) {
        return isDenied(tokenId, null);
    }

    /** At start-up: drops rows whose tokens have expired anyway. */
    @Transactional
    public void purgeExpired() {
        em.createNativeQuery("DELETE FROM revoked_access_tokens WHERE expires_at <= ?1")
                .setParameter(1, Instant.now().atOffset(ZoneOffset.UTC)).executeUpdate();
    }
}
