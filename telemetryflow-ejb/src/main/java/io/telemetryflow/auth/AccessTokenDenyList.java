package io.telemetryflow.auth;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.map.IMap;
import io.telemetryflow.platform.cache.HazelcastMember;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Ids of access tokens revoked before they expire (logout), and of sessions whose access tokens are
 * all revoked (kept as {@code sid:<session id>} for as long as such a token can live). A revoked id is denied on every node:
 * it is written to a Hazelcast map (cluster-wide, entries expire with the token) and to PostgreSQL,
 * from which the map is refilled after a full cluster restart and which is consulted when the
 * Hazelcast member is down.
 */
@ApplicationScoped
public class AccessTokenDenyList {

    private static final Logger LOG = Logger.getLogger(AccessTokenDenyList.class.getName());
    static final String MAP = "tf-denied-access-tokens";
    private static final String SESSION_PREFIX = "sid:";

    @Inject
    HazelcastMember hazelcast;

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    /** Only for a node without a working Hazelcast member: what it denied itself. */
    private final Map<String, Instant> local = new ConcurrentHashMap<>();

    @Transactional
    public void deny(String tokenId, Instant expiresAt) {
        Instant now = Instant.now();
        if (!expiresAt.isAfter(now)) {
            return;
        }
        em.createNativeQuery("INSERT INTO revoked_access_tokens (token_id, expires_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, tokenId).setParameter(2, expiresAt.atOffset(ZoneOffset.UTC)).executeUpdate();
        long ttlMillis = expiresAt.toEpochMilli() - now.toEpochMilli();
        if (!clusterMap().map(map -> {
            map.set(tokenId, expiresAt.toEpochMilli(), ttlMillis, TimeUnit.MILLISECONDS);
            return true;
        }).orElse(false)) {
            local.put(tokenId, expiresAt);
        }
    }

    /** Denies every access token of a session (refresh-token family) issued so far. */
    public void denySession(UUID sessionId, Duration accessTokenLifetime) {
        deny(SESSION_PREFIX + sessionId, Instant.now().plus(accessTokenLifetime).plusSeconds(60));
    }

    /** Whether the token, or the session it belongs to ({@code sessionId} may be null), was revoked. */
    public boolean isDenied(String tokenId, String sessionId) {
        return isDenied(tokenId) || (sessionId != null && isDenied(SESSION_PREFIX + sessionId));
    }

    public boolean isDenied(String tokenId) {
        Optional<IMap<String, Long>> map = clusterMap();
        if (map.isPresent()) {
            return map.get().containsKey(tokenId);
        }
        Instant until = local.get(tokenId);
        if (until != null && until.isAfter(Instant.now())) {
            return true;
        }
        return deniedInDatabase(tokenId);
    }

    /** At start-up: copies still-valid revocations from PostgreSQL into the cluster map and drops expired rows. */
    @Transactional
    public void restore() {
        Instant now = Instant.now();
        em.createNativeQuery("DELETE FROM revoked_access_tokens WHERE expires_at <= ?1").setParameter(1, now.atOffset(ZoneOffset.UTC)).executeUpdate();
        clusterMap().ifPresent(map -> {
            @SuppressWarnings("unchecked")
            java.util.List<Object[]> rows = em.createNativeQuery("SELECT token_id, expires_at FROM revoked_access_tokens").getResultList();
            for (Object[] row : rows) {
                Instant expires = toInstant(row[1]);
                map.set((String) row[0], expires.toEpochMilli(), Math.max(1, expires.toEpochMilli() - now.toEpochMilli()), TimeUnit.MILLISECONDS);
            }
            LOG.fine(() -> "Restored " + rows.size() + " revoked access token ids");
        });
    }

    private boolean deniedInDatabase(String tokenId) {
        return !em.createNativeQuery("SELECT 1 FROM revoked_access_tokens WHERE token_id = ?1 AND expires_at > now()")
                .setParameter(1, tokenId).getResultList().isEmpty();
    }

    private Optional<IMap<String, Long>> clusterMap() {
        try {
            return hazelcast.instance().filter(h -> h.getLifecycleService().isRunning()).map(h -> h.<String, Long>getMap(MAP));
        } catch (HazelcastException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static Instant toInstant(Object value) {
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

}
