package io.telemetryflow.auth.mfa;

import io.telemetryflow.auth.AccountAudit;
import io.telemetryflow.iam.LockoutPolicy;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks a user's second factor: a current TOTP code (once only, one step of clock drift either way)
 * or an unused recovery code (then used up). Guesses are limited per user and minute across the
 * cluster, and a run of wrong codes (TOTP or recovery) locks the user's MFA verification for a while;
 * the user's row is locked while a code is checked, so two requests with the same code cannot both pass.
 */
@ApplicationScoped
public class MfaVerifier {

    /** MFA failures are not forgotten with time: only a right code or turning MFA off clears them. */
    private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

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

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.mfa.lockout.max-attempts", defaultValue = "5")
    int lockoutMaxAttempts;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.mfa.lockout.duration", defaultValue = "PT15M")
    Duration lockoutDuration;

    Clock clock = Clock.systemUTC();

    private final Argon2idHasher hasher = Argon2idHasher.owaspDefaults();
    private final SecureRandom random = new SecureRandom();

    /** What checking a code came to. */
    public enum Outcome {
        ACCEPTED,
        WRONG,
        /** Wrong, and the account's MFA verification is locked from now on. */
        WRONG_NOW_LOCKED,
        /** Not checked: too many wrong codes before, and the lock has not run out. */
        LOCKED
    }

    /**
     * The second step of a sign-in (validate-mfa): checks {@code code} as a TOTP or recovery code of the
     * user, whose MFA must be on, and records the used step or recovery code. Throws a 429 {@link Rejected}
     * when the user has tried too many codes this minute.
     */
    @Transactional
    public Outcome verify(UUID userId, String code) {
        User user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (user == null || user.isDeleted() || !user.isMfaEnabled()) {
            throttle(userId);
            return Outcome.WRONG;
        }
        Instant now = clock.instant();
        return attempt(user, now, candidate -> verify(candidate, code, now));
    }

    /**
     * Checks a code of a user the caller has loaded with a lock. While the user's MFA is locked nothing is
     * checked; otherwise the guess is throttled, a wrong code counts towards the lock and a right one clears the count.
     */
    Outcome attempt(User user, Instant now, Predicate<User> codeMatches) {
        if (user.mfaFailures().isLockedAt(now)) {
            return Outcome.LOCKED;
        }
        throttle(user.getId());
        if (codeMatches.test(user)) {
            user.clearMfaFailures();
            return Outcome.ACCEPTED;
        }
        return user.recordFailedMfa(lockout(), now) ? Outcome.WRONG_NOW_LOCKED : Outcome.WRONG;
    }

    /** The answer to a code for a user whose MFA verification is locked: 429 with the time left. */
    public Rejected lockedAnswer(UUID userId) {
        long seconds = em.find(User.class, userId).mfaFailures().secondsLockedAt(clock.instant());
        return Rejected.tooManyRequests("too many wrong codes for this account; MFA verification is locked for a while",
                (int) Math.max(1, seconds));
    }

    /** {@code lockout.max-attempts} wrong codes in a row lock for {@code lockout.duration}; only a right code ends the run. */
    LockoutPolicy lockout() {
        return LockoutPolicy.fixed(lockoutMaxAttempts, lockoutDuration, FOREVER);
    }

    /** As {@link #verify(UUID, String)} for a user the caller has loaded with a lock, without throttling or counting. */
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
