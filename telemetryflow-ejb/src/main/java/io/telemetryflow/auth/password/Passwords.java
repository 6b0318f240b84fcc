package io.telemetryflow.auth.password;

import io.telemetryflow.auth.AccountAudit;
import io.telemetryflow.auth.RefreshTokens;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.PasswordPolicy;
import io.telemetryflow.iam.User;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.ratelimit.RateLimiter;
import io.telemetryflow.platform.security.Argon2idHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Changing a password (signed in, with the current one) and resetting a forgotten one (with a mailed
 * link). Both end the user's other sessions. A reset never touches MFA: the next sign-in still asks
 * for the second factor.
 */
@ApplicationScoped
public class Passwords {

    private static final int PASSWORD_CHECKS_PER_MINUTE = 5;
    private static final int RESET_MAILS_PER_ADDRESS_PER_MINUTE = 3;

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    PasswordPolicy policy;

    @Inject
    UserTokens tokens;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    AccountMail mail;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    AccountAudit audit;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.password-reset-ttl", defaultValue = "PT30M")
    Duration resetTtl;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.password-reset-requests-per-ip-per-minute", defaultValue = "10")
    int resetRequestsPerIpPerMinute;

    private final Argon2idHasher hasher = Argon2idHasher.owaspDefaults();

    /** Sets a new password; every other session of the user ends (the caller's own stays signed in). */
    @Transactional
    public void change(Caller caller, String currentPassword, String newPassword) {
        RateLimiter.Decision decision = rateLimiter.tryAcquire("password-check:" + caller.userId(), PASSWORD_CHECKS_PER_MINUTE);
        if (!decision.allowed()) {
            throw Rejected.tooManyRequests("too many password changes tried; try again later", decision.retryAfterSeconds());
        }
        User user = em.find(User.class, caller.userId(), LockModeType.PESSIMISTIC_WRITE);
        if (user == null || user.isDeleted()) {
            throw Rejected.unauthorized("the account no longer exists");
        }
        if (!hasher.verify(currentPassword, user.getPasswordHash())) {
            audit.failed(user, "password.change", "wrong current password", caller.sessionId());
            throw Rejected.invalid("currentPassword", "the current password is not correct");
        }
        policy.require(newPassword, user.getEmail(), "newPassword");
        if (hasher.verify(newPassword, user.getPasswordHash())) {
            throw Rejected.invalid("newPassword", "the new password must differ from the current one");
        }
        user.changePassword(hasher.hash(newPassword), caller.actor(), Instant.now());
        refreshTokens.revokeAllOf(user.getId(), sessionOf(caller));
        audit.succeeded(user, "password.change", caller.sessionId());
    }

    /**
     * Mails a reset link if {@code email} has an account. Returns at once whatever the case, and the
     * lookup happens in the background, so neither the answer nor its timing tells whether the account exists.
     */
    public void requestReset(String email, String clientAddress) {
        RateLimiter.Decision decision = rateLimiter.tryAcquire("password-reset-ip:" + clientAddress, resetRequestsPerIpPerMinute);
        if (!decision.allowed()) {
            throw Rejected.tooManyRequests("too many password-reset requests from this address; try again later", decision.retryAfterSeconds());
        }
        mail.passwordResetLater(() -> {
            // silently: the answer must not change with the account
            if (!rateLimiter.tryAcquire("password-reset-mail:" + User.normalizeEmail(email), RESET_MAILS_PER_ADDRESS_PER_MINUTE).allowed()) {
                return Optional.empty();
            }
            return tokens.issueForEmail(email, UserToken.Purpose.PASSWORD_RESET, resetTtl);
        });
    }

    /** Sets the password of the token's user: the token and every other reset link are used up, every session ends. */
    @Transactional
    public void reset(String token, String newPassword) {
        User user = tokens.redeem(UserToken.Purpose.PASSWORD_RESET, token);
        policy.require(newPassword, user.getEmail(), "newPassword");
        user.changePassword(hasher.hash(newPassword), user.getEmail(), Instant.now());
        tokens.invalidateAll(user.getId(), UserToken.Purpose.PASSWORD_RESET);
        refreshTokens.revokeAllOf(user.getId(), null);
        audit.succeeded(user, "password.reset", null);
    }

    private static UUID sessionOf(Caller caller) {
        try {
            return caller.sessionId() == null ? null : UUID.fromString(caller.sessionId());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
