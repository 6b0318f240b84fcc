package io.telemetryflow.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Ids of access tokens revoked before they expire (logout), and of sessions whose access tokens are all revoked (kept
 * as {@code sid:<session id>} for as long as such a token can live). PostgreSQL ({@code revoked_access_tokens}) is the
 * only record. The list is deliberately not in the cache cluster: a member there can delete an entry, and an absent
 * entry would un-revoke the token; no MAC can prove an absence.
 *
 * <p>Each node keeps its answers for a token for {@code telemetryflow.auth.revocation-check-seconds} (1 s) in memory
 * of its own, so a caller's burst of requests costs one lookup a second instead of one each. A revocation made on this
 * node drops every kept answer when it commits; another node sees it within that time.
 */
@ApplicationScoped
public class AccessTokenDenyList {

    private static final String SESSION_PREFIX = "sid:";
    /** Tokens whose answers are kept at once: beyond it the oldest are dropped and asked again. */
    private static final int KEPT_ANSWERS = 100_000;

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.revocation-check-seconds", defaultValue = "1")
    int revocationCheckSeconds;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private Cache<String, Boolean> answers;

    @PostConstruct
    void keepAnswers() {
        answers = Caffeine.newBuilder().maximumSize(KEPT_ANSWERS)
                .expireAfterWrite(Duration.ofSeconds(Math.max(0, revocationCheckSeconds))).build();
    }

    @Transactional
    public void deny(String tokenId, Instant expiresAt) {
        if (!expiresAt.isAfter(Instant.now())) {
            return;
        }
        em.createNativeQuery("INSERT INTO revoked_access_tokens (token_id, expires_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, tokenId).setParameter(2, expiresAt.atOffset(ZoneOffset.UTC)).executeUpdate();
        // once the row is visible to other transactions, no kept answer may say otherwise; revocations are rare
        // (logouts), so which answers they touch is not worth finding
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                answers.invalidateAll();
            }
        });
    }

    /** Denies every access token of a session (refresh-token family) issued so far. */
    public void denySession(UUID sessionId, Duration accessTokenLifetime) {
        deny(SESSION_PREFIX + sessionId, Instant.now().plus(accessTokenLifetime).plusSeconds(60));
    }

    /** Whether the token, or the session it belongs to ({@code sessionId} may be null), was revoked. */
    public boolean isDenied(String tokenId, String sessionId) {
        String session = sessionId == null ? tokenId : SESSION_PREFIX + sessionId;
        return answers.get(tokenId + '\n' + session, key -> !em.createNativeQuery(
                        "SELECT 1 FROM revoked_access_tokens WHERE token_id IN (?1, ?2) AND expires_at > now()")
                .setParameter(1, tokenId).setParameter(2, session).setMaxResults(1).getResultList().isEmpty());
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
