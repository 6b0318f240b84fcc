package io.telemetryflow.auth;

import io.telemetryflow.auth.mfa.MfaVerifier;
import io.telemetryflow.iam.AccessDirectory;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.FailureCount;
import io.telemetryflow.iam.PasswordPolicy;
import io.telemetryflow.iam.User;
import io.telemetryflow.iam.UserAccess;
import io.telemetryflow.iam.UserStatus;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.ratelimit.RateLimiter;
import io.telemetryflow.platform.security.Argon2Gate;
import io.telemetryflow.platform.security.Argon2idHasher;
import io.telemetryflow.platform.security.SecureTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-in, token refresh and sign-out. A sign-in opens a session once every step is done ({@link SignInStep}): the
 * password, the MFA code when MFA is on, and the user's own password when an administrator chose the current one;
 * a step that leaves one to do answers a short-lived ticket for it ({@link TokenIssuer}), never a session.
 * Failed sign-ins lock an email per client address (so that one address cannot lock its owner out everywhere) and,
 * with a higher threshold and growing locks, from every address. Answers never tell whether an email has an account:
 * an unknown email costs the same Argon2id verification as a wrong password and is counted and locked the same way.
 * Failed attempts are counted even though the request fails, so these methods do not roll back on
 * {@link Rejected}.
 */
@ApplicationScoped
public class LoginService {

    static final String BAD_CREDENTIALS = "invalid email or password";
    static final String LOGIN = "auth.login";
    static final String REFRESH = "auth.refresh";
    static final String MFA = "auth.mfa";
    static final String PASSWORD_CHANGE = "auth.password-change";
    private static final int PASSWORD_CHANGES_PER_MINUTE = 5;
    /** Verified against when the email is unknown, so both paths cost one Argon2id verification. */
    private static final String DUMMY_HASH = Argon2idHasher.owaspDefaults().hash(UUID.randomUUID().toString());

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    AuthSettings settings;

    @Inject
    TokenIssuer tokens;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    AccessTokenDenyList denyList;

    @Inject
    AccessDirectory access;

    @Inject
    LoginFailureCounts failures;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    AuthAudit audit;

    @Inject
    MfaVerifier mfaVerifier;

    @Inject
    PasswordPolicy passwordPolicy;

    /** The node's cap on concurrent Argon2id checks, shared with API-key verification: 503 when it is full too long. */
    @Inject
    Argon2Gate argon2;

    private final Argon2idHasher hasher = Argon2idHasher.owaspDefaults();

    Clock clock = Clock.systemUTC();

    /** Where a request comes from, for throttling, sessions and the audit trail. */
    public record Client(String ipAddress, String userAgent) {
    }

    /** A finished sign-in. */
    public record Session(String accessToken, Instant accessTokenExpiresAt, String refreshToken, Instant refreshTokenExpiresAt,
                          UUID sessionId, UserAccess user) {
    }

    /** A step still to do before the session opens (MFA or PASSWORD_CHANGE), with the ticket that carries the sign-in to it. */
    public record PendingStep(SignInStep step, String token, Instant expiresAt) {
    }

    /** The outcome of a sign-in step: a session, or the step still to do. */
    public record LoginResult(Optional<Session> session, Optional<PendingStep> pending) {

        static LoginResult signedIn(Session session) {
            return new LoginResult(Optional.of(session), Optional.empty());
        }

        static LoginResult pending(SignInStep step, TokenIssuer.IssuedToken ticket) {
            return new LoginResult(Optional.empty(), Optional.of(new PendingStep(step, ticket.token(), ticket.expiresAt())));
        }
    }

    @Transactional(dontRollbackOn = Rejected.class)
    public LoginResult login(String email, String password, Client client) {
        String normalized = User.normalizeEmail(email);
        throttle(normalized, client);
        String digest = SecureTokens.sha256Hex(normalized);
        String addressKey = LoginFailureCounts.fromAddress(digest, client.ipAddress());
        Instant now = clock.instant();
        User user = em.createNamedQuery(User.LIVE_BY_EMAIL, User.class)
                .setParameter("email", normalized)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElse(null);
        String unknownKey = LoginFailureCounts.ofUnknownAccount(digest);
        FailureCount fromAddress = failures.get(addressKey);
        FailureCount accountWide = user != null ? user.loginFailures() : failures.get(unknownKey);
        if (accountWide.isLockedAt(now) || fromAddress.isLockedAt(now)) {
            long seconds = Math.max(accountWide.secondsLockedAt(now), fromAddress.secondsLockedAt(now));
            throw refused(normalized, user, locked(seconds), accountWide.isLockedAt(now) ? "account locked" : "account locked for this address", client);
        }
        boolean passwordMatches = argon2.verify(password, user == null ? DUMMY_HASH : user.getPasswordHash());
        if (user == null || !passwordMatches) {
            // an unknown email is counted exactly like an account, so that neither answers nor locks tell them apart
            boolean lockedHere = failures.update(addressKey, count -> settings.perAddressLockout().afterFailure(count, now),
                    settings.perAddressLockout().retention()).isLockedAt(now);
            boolean lockedEverywhere = user != null ? user.recordFailedLogin(settings.accountLockout(), now)
                    : failures.update(unknownKey, count -> settings.accountLockout().afterFailure(count, now),
                            settings.accountLockout().retention()).isLockedAt(now);
            String reason = (user == null ? "no such account" : "wrong password")
                    + (lockedEverywhere ? "; account now locked" : lockedHere ? "; account now locked for this address" : "");
            throw refused(normalized, user, Rejected.unauthorized(BAD_CREDENTIALS), reason, client);
        }
        if (!user.getStatus().canLogIn()) {
            throw refused(normalized, user, Rejected.forbidden("this account is " + user.getStatus().name().toLowerCase()
                    + "; an administrator must activate it"), "account " + user.getStatus().name().toLowerCase(), client);
        }
        user.recordSuccessfulLogin(now);
        failures.clear(addressKey);
        SignInStep next = SignInStep.afterPassword(user.isMfaEnabled(), user.isPasswordChangeRequired());
        if (next == SignInStep.MFA) {
            audit.succeeded("auth.login.password", access.load(user.getId()).orElseThrow(), client, null);
            return LoginResult.pending(next, tokens.mfaToken(user.getId()));
        }
        return finish(user.getId(), next, "auth.login.password", client);
    }

    /**
     * The second step of a sign-in with MFA: the ticket from {@link #login} and a TOTP or recovery code.
     * A ticket works until it expires or completes its step; wrong codes are limited and lock per user ({@link MfaVerifier}).
     */
    @Transactional(dontRollbackOn = Rejected.class)
    public LoginResult validateMfa(String mfaToken, String code, Client client) {
        Optional<TokenIssuer.Ticket> valid = tokens.readMfaToken(mfaToken).filter(t -> !denyList.isDenied(t.tokenId()));
        if (valid.isEmpty()) {
            audit.failed(MFA, null, null, "invalid, used or expired MFA token", client);
            throw Rejected.unauthorized("the MFA token is invalid or has expired; sign in again");
        }
        TokenIssuer.Ticket ticket = valid.get();
        MfaVerifier.Outcome outcome = mfaVerifier.verify(ticket.userId(), code);
        if (outcome == MfaVerifier.Outcome.LOCKED) {
            audit.failed(MFA, null, em.find(User.class, ticket.userId()), "MFA locked", client);
            throw mfaVerifier.lockedAnswer(ticket.userId());
        }
        if (outcome != MfaVerifier.Outcome.ACCEPTED) {
            audit.failed(MFA, null, em.find(User.class, ticket.userId()),
                    outcome == MfaVerifier.Outcome.WRONG_NOW_LOCKED ? "wrong code; MFA now locked" : "wrong code", client);
            throw Rejected.unauthorized("the code is not valid");
        }
        // the ticket is used up; what follows needs a ticket of its own
        denyList.deny(ticket.tokenId(), ticket.expiresAt());
        User user = em.find(User.class, ticket.userId());
        return finish(ticket.userId(), SignInStep.afterMfa(user != null && user.isPasswordChangeRequired()), MFA, client);
    }

    /**
     * The last step of a sign-in whose password an administrator chose: the ticket from {@link #login} or
     * {@link #validateMfa} and the user's own password, which replaces it; then the session opens. The new password
     * must meet the policy and differ from the current one (400 naming {@code newPassword}); a refused password does not
     * use the ticket up, a session does. The user's other sessions end, as after a reset.
     */
    @Transactional(dontRollbackOn = Rejected.class)
    public Session completePasswordChange(String passwordChangeToken, String newPassword, Client client) {
        Optional<TokenIssuer.Ticket> valid = tokens.readPasswordChangeToken(passwordChangeToken)
                .filter(t -> !denyList.isDenied(t.tokenId()));
        User user = valid.map(t -> em.find(User.class, t.userId(), LockModeType.PESSIMISTIC_WRITE)).orElse(null);
        // the flag, read under the row lock, makes a ticket single-use even when two requests race with it
        if (user == null || user.isDeleted() || !user.getStatus().canLogIn() || !user.isPasswordChangeRequired()) {
            audit.failed(PASSWORD_CHANGE, null, user, "invalid, used or expired password-change token", client);
            throw Rejected.unauthorized("the password-change token is invalid or has expired; sign in again");
        }
        RateLimiter.Decision decision = rateLimiter.tryAcquire("password-change:" + user.getId(), PASSWORD_CHANGES_PER_MINUTE);
        if (!decision.allowed()) {
            audit.failed(PASSWORD_CHANGE, null, user, "too many attempts", client);
            throw Rejected.tooManyRequests("too many passwords tried; try again later", decision.retryAfterSeconds());
        }
        try {
            passwordPolicy.require(newPassword, user.getEmail(), "newPassword");
        } catch (Rejected refused) {
            audit.failed(PASSWORD_CHANGE, null, user, "new password refused by the policy", client);
            throw refused;
        }
        if (argon2.verify(newPassword, user.getPasswordHash())) {
            audit.failed(PASSWORD_CHANGE, null, user, "new password is the current one", client);
            throw Rejected.invalid("newPassword", "the new password must differ from the one your administrator chose");
        }
        user.changePassword(hasher.hash(newPassword), user.getEmail(), clock.instant());
        denyList.deny(valid.get().tokenId(), valid.get().expiresAt());
        refreshTokens.revokeAllOf(user.getId(), null);
        Session session = openSession(user.getId(), client);
        audit.succeeded(PASSWORD_CHANGE, session.user(), client, session.sessionId());
        audit.succeeded(LOGIN, session.user(), client, session.sessionId());
        return session;
    }

    /**
     * After the factor {@code passed} (the audit action of its success): a session, or the ticket of the password change
     * when that is the step still to do.
     */
    private LoginResult finish(UUID userId, SignInStep next, String passed, Client client) {
        if (next == SignInStep.PASSWORD_CHANGE) {
            audit.succeeded(passed, access.load(userId).orElseThrow(), client, null);
            return LoginResult.pending(next, tokens.passwordChangeToken(userId));
        }
        Session session = openSession(userId, client);
        audit.succeeded(LOGIN, session.user(), client, session.sessionId());
        return LoginResult.signedIn(session);
    }

    @Transactional(dontRollbackOn = Rejected.class)
    public Session refresh(String refreshToken, Client client) {
        RefreshTokens.Rotation rotation = refreshTokens.rotate(refreshToken, client.ipAddress(), client.userAgent());
        if (rotation.next().isEmpty()) {
            audit.failed(REFRESH, null, rotation.userId() == null ? null : em.find(User.class, rotation.userId()), rotation.failure(), client);
            throw Rejected.unauthorized(rotation.failure());
        }
        RefreshTokens.Issued next = rotation.next().get();
        UserAccess user = access.load(rotation.userId()).filter(u -> u.status() == UserStatus.ACTIVE).orElse(null);
        if (user == null) {
            refreshTokens.revokeFamily(next.familyId());
            audit.failed(REFRESH, null, em.find(User.class, rotation.userId()), "account no longer active", client);
            throw Rejected.unauthorized("the account is no longer active");
        }
        TokenIssuer.IssuedToken accessToken = tokens.accessToken(user, next.familyId());
        audit.succeeded(REFRESH, user, client, next.familyId());
        return new Session(accessToken.token(), accessToken.expiresAt(), next.token(), next.expiresAt(), next.familyId(), user);
    }

    /** Ends the caller's session: its refresh tokens stop working and the access token is denied everywhere until it expires. */
    @Transactional
    public void logout(Caller caller, String accessTokenId, Instant accessTokenExpiresAt, Client client) {
        denyList.deny(accessTokenId, accessTokenExpiresAt);
        if (caller.sessionId() != null) {
            refreshTokens.revokeFamily(UUID.fromString(caller.sessionId()));
        }
        access.find(caller.userId()).ifPresent(user -> audit.succeeded("auth.logout", user, client,
                caller.sessionId() == null ? null : UUID.fromString(caller.sessionId())));
    }

    private Session openSession(UUID userId, Client client) {
        UserAccess user = access.load(userId).filter(u -> u.status() == UserStatus.ACTIVE)
                .orElseThrow(() -> Rejected.unauthorized(BAD_CREDENTIALS));
        RefreshTokens.Issued refresh = refreshTokens.startFamily(userId, client.ipAddress(), client.userAgent());
        TokenIssuer.IssuedToken accessToken = tokens.accessToken(user, refresh.familyId());
        return new Session(accessToken.token(), accessToken.expiresAt(), refresh.token(), refresh.expiresAt(), refresh.familyId(), user);
    }

    private void throttle(String email, Client client) {
        RateLimiter.Decision decision = rateLimiter.tryAcquire("login-ip:" + client.ipAddress(), settings.loginAttemptsPerIpPerMinute());
        if (!decision.allowed()) {
            throw refused(email, null, Rejected.tooManyRequests("too many sign-in attempts from this address; try again later",
                    decision.retryAfterSeconds()), "address throttled", client);
        }
    }

    /** Audits a refused sign-in and returns the answer to throw. */
    private Rejected refused(String email, User user, Rejected answer, String reason, Client client) {
        audit.failed(LOGIN, email, user, reason, client);
        return answer;
    }

    private static Rejected locked(long seconds) {
        return Rejected.tooManyRequests("too many failed sign-in attempts for this account; try again later", (int) Math.max(1, seconds));
    }
}
