package io.telemetryflow.auth.mfa;

import io.telemetryflow.auth.AccountAudit;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.User;
import io.telemetryflow.platform.error.Rejected;
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
import java.util.function.Predicate;

/**
 * Turning MFA on and off for the signed-in user: enrolment stores a new secret (encrypted), which
 * takes effect only once a code computed from it is confirmed; confirming returns the recovery
 * codes, the only time they are shown. Turning it off takes a code (TOTP or recovery) or the password.
 */
@ApplicationScoped
public class MfaEnrolment {

    /** What an authenticator app needs: the Base32 secret and the same as an otpauth URI (for a QR code). */
    public record Enrolment(String secret, String otpauthUri) {
    }

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    SecretBox secretBox;

    @Inject
    MfaVerifier verifier;

    @Inject
    AccountAudit audit;

    private final Argon2idHasher hasher = Argon2idHasher.owaspDefaults();
    private final SecureRandom random = new SecureRandom();

    @Transactional
    public Enrolment enroll(Caller caller) {
        User user = lockedUser(caller);
        if (user.isMfaEnabled()) {
            throw Rejected.conflict(null, "MFA is already on; turn it off first to enrol another authenticator");
        }
        byte[] secret = Totp.newSecret(random);
        user.startMfaEnrolment(secretBox.encrypt(secret), Instant.now());
        String base32 = Totp.base32(secret);
        audit.succeeded(user, "mfa.enroll", caller.sessionId());
        return new Enrolment(base32, OtpAuthUri.of(user.getEmail(), base32));
    }

    /** Turns MFA on with a code from the enrolled secret; returns the ten recovery codes. */
    @Transactional(dontRollbackOn = Rejected.class)
    public List<String> confirm(Caller caller, String code) {
        User user = lockedUser(caller);
        if (user.isMfaEnabled()) {
            throw Rejected.conflict(null, "MFA is already on");
        }
        if (user.getMfaSecretEncrypted() == null) {
            throw Rejected.conflict(null, "start with POST /api/v2/auth/mfa/enroll");
        }
        Instant now = Instant.now();
        requireCode(user, caller, "mfa.confirm", now, candidate -> verifier.verifyTotp(candidate, code, now),
                "the code does not match the enrolled authenticator");
        user.enableMfa(now);
        List<String> codes = verifier.newRecoveryCodes(user, now);
        audit.succeeded(user, "mfa.confirm", caller.sessionId());
        return codes;
    }

    /** Turns MFA off, given a current TOTP code, an unused recovery code or the account's password. */
    @Transactional(dontRollbackOn = Rejected.class)
    public void disable(Caller caller, String code, String password) {
        User user = lockedUser(caller);
        if (!user.isMfaEnabled()) {
            throw Rejected.conflict(null, "MFA is not on");
        }
        boolean byCode = code != null && !code.isBlank();
        if (!byCode && (password == null || password.isEmpty())) {
            throw Rejected.invalid("code", "give a current code, a recovery code or the password");
        }
        Instant now = Instant.now();
        if (byCode) {
            requireCode(user, caller, "mfa.disable", now, candidate -> verifier.verify(candidate, code.strip(), now), "the code is not valid");
        } else {
            verifier.throttle(caller.userId());
            if (!hasher.verify(password, user.getPasswordHash())) {
                audit.failed(user, "mfa.disable", "wrong password", caller.sessionId());
                throw Rejected.invalid("password", "the password is not correct");
            }
        }
        user.disableMfa(caller.actor(), now);
        verifier.forgetRecoveryCodes(user);
        audit.succeeded(user, "mfa.disable", caller.sessionId());
    }

    /** New recovery codes (the old ones stop working), given a current TOTP code. */
    @Transactional(dontRollbackOn = Rejected.class)
    public List<String> regenerateRecoveryCodes(Caller caller, String code) {
        User user = lockedUser(caller);
        if (!user.isMfaEnabled()) {
            throw Rejected.conflict(null, "MFA is not on");
        }
        Instant now = Instant.now();
        requireCode(user, caller, "mfa.recovery-codes.regenerate", now, candidate -> verifier.verifyTotp(candidate, code, now),
                "the code is not valid");
        List<String> codes = verifier.newRecoveryCodes(user, now);
        audit.succeeded(user, "mfa.recovery-codes.regenerate", caller.sessionId());
        return codes;
    }

    /**
     * Goes on only with a right code: a wrong one is a 400 on {@code code} and counts towards the MFA lock,
     * during which every code is a 429. The failure is audited and stays counted (these methods do not roll back on it).
     */
    private void requireCode(User user, Caller caller, String action, Instant now, Predicate<User> codeMatches, String wrongCode) {
        MfaVerifier.Outcome outcome = verifier.attempt(user, now, codeMatches);
        switch (outcome) {
            case ACCEPTED -> {
            }
            case LOCKED -> {
                audit.failed(user, action, "MFA locked", caller.sessionId());
                throw verifier.lockedAnswer(user.getId());
            }
            case WRONG, WRONG_NOW_LOCKED -> {
                audit.failed(user, action, outcome == MfaVerifier.Outcome.WRONG_NOW_LOCKED ? "wrong code; MFA now locked" : "wrong code",
                        caller.sessionId());
                throw Rejected.invalid("code", wrongCode);
            }
        }
    }

    private User lockedUser(Caller caller) {
        User user = em.find(User.class, caller.userId(), LockModeType.PESSIMISTIC_WRITE);
        if (user == null || user.isDeleted()) {
            throw Rejected.unauthorized("the account no longer exists");
        }
        return user;
    }
}
