package io.telemetryflow.auth.password;

import io.telemetryflow.auth.AccountAudit;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.User;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.ratelimit.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Confirming that a user owns their email address: a mailed single-use link. */
@ApplicationScoped
public class EmailVerifications {

    private static final int MAILS_PER_MINUTE = 3;

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    UserTokens tokens;

    @Inject
    AccountMail mail;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    AccountAudit audit;

    @Inject
    @ConfigProperty(name = "telemetryflow.auth.email-verification-ttl", defaultValue = "PT24H")
    Duration ttl;

    /** Mails the signed-in user a verification link (in the background); 409 if already verified. */
    public void send(Caller caller) {
        User user = em.find(User.class, caller.userId());
        if (user == null || user.isDeleted()) {
            throw Rejected.unauthorized("the account no longer exists");
        }
        if (user.isEmailVerified()) {
            throw Rejected.conflict(null, "the email address is already verified");
        }
        RateLimiter.Decision decision = rateLimiter.tryAcquire("email-verification:" + caller.userId(), MAILS_PER_MINUTE);
        if (!decision.allowed()) {
            throw Rejected.tooManyRequests("a verification mail was sent just now; try again later", decision.retryAfterSeconds());
        }
        mail.emailVerificationLater(() -> Optional.of(tokens.issue(user, UserToken.Purpose.EMAIL_VERIFICATION, ttl)));
    }

    /** Marks the token's user verified; the token and any other verification link are used up. */
    @Transactional
    public void verify(String token) {
        User user = tokens.redeem(UserToken.Purpose.EMAIL_VERIFICATION, token);
        user.markEmailVerified(Instant.now());
        tokens.invalidateAll(user.getId(), UserToken.Purpose.EMAIL_VERIFICATION);
        audit.succeeded(user, "email.verify", null);
    }
}
