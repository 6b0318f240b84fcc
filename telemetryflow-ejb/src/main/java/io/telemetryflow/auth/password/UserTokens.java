package io.telemetryflow.auth.password;

import io.telemetryflow.iam.User;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.security.SecureTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Issues and redeems the single-use tokens mailed to users (256 random bits; the database holds their SHA-256). */
@ApplicationScoped
public class UserTokens {

    static final String INVALID = "this link is invalid, has been used or has expired";

    /** A token just issued, with what the mail to its user needs. */
    public record Issued(String token, String email, String firstName, Instant expiresAt) {
    }

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    private final SecureRandom random = new SecureRandom();

    /** A new token for the live account with this email, or empty when there is none. */
    @Transactional
    public Optional<Issued> issueForEmail(String email, UserToken.Purpose purpose, Duration ttl) {
        return em.createNamedQuery(User.LIVE_BY_EMAIL, User.class)
                .setParameter("email", User.normalizeEmail(email))
                .getResultStream().findFirst()
                .map(user -> issue(user, purpose, ttl));
    }

    @Transactional
    public Issued issue(User user, UserToken.Purpose purpose, Duration ttl) {
        String token = SecureTokens.random256(random);
        Instant now = Instant.now();
        Instant expires = now.plus(ttl);
        em.persist(new UserToken(user.getId(), purpose, SecureTokens.sha256Hex(token), now, expires));
        return new Issued(token, user.getEmail(), user.getFirstName(), expires);
    }

    /**
     * Uses up a token and returns its (live) user, locked for the caller's transaction; a 400 naming
     * {@code token} for anything else. The caller's transaction decides: if it fails, the token stays usable.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public User redeem(UserToken.Purpose purpose, String token) {
        Instant now = Instant.now();
        UserToken found = em.createQuery("SELECT t FROM UserToken t WHERE t.tokenHash = :hash AND t.purpose = :purpose", UserToken.class)
                .setParameter("hash", SecureTokens.sha256Hex(token)).setParameter("purpose", purpose)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst()
                .filter(candidate -> candidate.isUsableAt(now))
                .orElseThrow(() -> Rejected.invalid("token", INVALID));
        User user = em.find(User.class, found.getUserId(), LockModeType.PESSIMISTIC_WRITE);
        if (user == null || user.isDeleted()) {
            throw Rejected.invalid("token", INVALID);
        }
        found.markUsed(now);
        return user;
    }

    /** Every other unused token of this purpose stops working (after a reset, all outstanding reset links). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void invalidateAll(UUID userId, UserToken.Purpose purpose) {
        em.createQuery("UPDATE UserToken t SET t.usedAt = :now WHERE t.userId = :user AND t.purpose = :purpose AND t.usedAt IS NULL")
                .setParameter("now", Instant.now().atOffset(ZoneOffset.UTC)).setParameter("user", userId).setParameter("purpose", purpose)
                .executeUpdate();
    }
}
