package io.telemetryflow.auth.mfa;

import io.telemetryflow.auth.AccountAudit;
import io.telemetryflow.iam.User;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.ratelimit.RateLimiter;
import io.telemetryflow.platform.security.Argon2idHasher;
import io.telemetryflow.platform.security.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks a user's second factor: a current TOTP code (once only, one step of clock drift either way)
 * or an unused recovery code (then used up). Guesses are limited per user across the cluster; the
 * user's row is locked while a code is checked, so two requests with the same code cannot both pass.
 */
@ApplicationScoped
public class MfaVerifier {

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    SecretBox secretBox;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    AccountAudit audit;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.mfa.attempts-per-minute", defaultValue = "5")
    int attemptsPerMinute;

    private final Argon2idHasher hasher = Argon2idHasher.owaspDefaults();
    private final SecureRandom random = new SecureRandom();

    /**
     * The second step of a sign-in (validate-mfa): whether {@code code} is a valid TOTP or recovery code
     * of the user, whose MFA must be on. Records the used step or recovery code. Throws a 429 {@link Rejected}
     * when the user has tried too many codes this minute.
     */
    @Transactional
    public boolean verify(UUID userId, String code) {
        throttle(userId);
        User user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (user == null || user.isDeleted() || !user.isMfaEnabled()) {
            return false;
        }
        return verify(user, code, Instant.now());
    }

    /** As {@link #verify(UUID, String)} for a user the caller has loaded with a lock (and throttled). */
    boolean verify(User user, String code, Instant now) {
        if (TotpWindow.looksLikeCode(code)) {
            return verifyTotp(user, code, now);
        }
        return RecoveryCodes.normalize(code).map(recovery -> useRecoveryCode(user, recovery, now)).orElse(false);
    }

    boolean verifyTotp(User user, String code, Instant now) {
        return user.getMfaSecretEncrypted() != null && Totp.accept(user, secretOf(user), code, now);
    }

    /** Counts a guess of a code (or password) for {@code userId}; a 429 beyond the limit. */
    void throttle(UUID userId) {
        RateLimiter.Decision decision = rateLimiter.tryAcquire("mfa-user:" + userId, attemptsPerMinute);
        if (!decision.allowed()) {
            throw Rejected.tooManyRequests("too many codes tried for this account; try again later", decision.retryAfterSeconds());
        }
    }

    /** Replaces the user's recovery codes with new ones and returns them in the clear, the only time they are shown. */
    List<String> newRecoveryCodes(User user, Instant now) {
        forgetRecoveryCodes(user);
        List<String> codes = RecoveryCodes.generate(random);
        for (String code : codes) {
            em.persist(new RecoveryCode(user.getId(), hasher.hash(RecoveryCodes.normalize(code).orElseThrow()), now));
        }
        return codes;
    }

    void forgetRecoveryCodes(User user) {
        em.createQuery("DELETE FROM RecoveryCode c WHERE c.userId = :user").setParameter("user", user.getId()).executeUpdate();
    }

    byte[] secretOf(User user) {
        return secretBox.decrypt(user.getMfaSecretEncrypted());
    }

    private boolean useRecoveryCode(User user, String code, Instant now) {
        Optional<RecoveryCode> match = em.createQuery(
                        "SELECT c FROM RecoveryCode c WHERE c.userId = :user AND c.usedAt IS NULL", RecoveryCode.class)
                .setParameter("user", user.getId()).getResultStream()
                .filter(candidate -> hasher.verify(code, candidate.getCodeHash()))
                .findFirst();
        match.ifPresent(used -> used.markUsed(now));
        match.ifPresent(used -> audit.succeeded(user, "mfa.recovery-code.use", null));
        return match.isPresent();
    }
}
