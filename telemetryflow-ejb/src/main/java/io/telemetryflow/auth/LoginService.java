package io.telemetryflow.auth;

import io.telemetryflow.auth.mfa.MfaVerifier;
import io.telemetryflow.iam.AccessDirectory;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.FailureCount;
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
 * Sign-in, token refresh and sign-out. Failed sign-ins lock an email per client address (so that
 * one address cannot lock its owner out everywhere) and, with a higher threshold and growing locks,
 * from every address. Answers never tell whether an email has an account: an unknown email costs
 * the same Argon2id verification as a wrong password and is counted and locked the same way.
 * Failed attempts are counted even though the request fails, so these methods do not roll back on
 * {@link Rejected}.
 */
@ApplicationScoped
public class LoginService {

    static final String BAD_CREDENTIALS = "invalid email or password";
    static final String LOGIN = "auth.login";
    static final String REFRESH = "auth.refresh";
    static final String MFA = "auth.mfa";
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

    /** The node's cap on concurrent Argon2id checks, shared with API-key verification: 503 when it is full too long. */
    @Inject
    Argon2Gate argon2;

    Clock clock = Clock.systemUTC();

    /** Where a request comes from, for throttling, sessions and the audit trail. */
    public record Client(String ipAddress, String userAgent) {
    }

    /** A finished sign-in. */
    public record Session(String accessToken, Instant accessTokenExpiresAt, String refreshToken, Instant refreshTokenExpiresAt,
                          UUID sessionId, UserAccess user) {
    }

    /** The outcome of the password step: a session, or a ticket for the MFA step. */
    public record LoginResult(Optional<Session> session, String mfaToken, Instant mfaTokenExpiresAt) {
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
        if (user.isMfaEnabled()) {
            TokenIssuer.IssuedToken ticket = tokens.mfaToken(user.getId());
            audit.succeeded("auth.login.password", access.load(user.getId()).orElseThrow(), client, null);
            return new LoginResult(Optional.empty(), ticket.token(), ticket.expiresAt());
        }
        Session session = openSession(user.getId(), client);
        audit.succeeded(LOGIN, session.user(), client, session.sessionId());
        return new LoginResult(Optional.of(session), null, null);
    }

    /**
     * The second step of a sign-in with MFA: the ticket from {@link #login} and a TOTP or recovery code.
     * A ticket works until it expires or completes a sign-in; wrong codes are limited and lock per user ({@link MfaVerifier}).
     */
    @Transactional(dontRollbackOn = Rejected.class)
    public Session validateMfa(String mfaToken, String code, Client client) {
        Optional<TokenIssuer.MfaTicket> valid = tokens.readMfaToken(mfaToken).filter(t -> !denyList.isDenied(t.tokenId()));
        if (valid.isEmpty()) {
            audit.failed(MFA, null, null, "invalid, used or expired MFA token", client);
            throw Rejected.unauthorized("the MFA token is invalid or has expired; sign in again");
        }
        TokenIssuer.MfaTicket ticket = valid.get();
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
        Session session = completeMfaLogin(ticket, client);
        audit.succeeded(LOGIN, session.user(), client, session.sessionId());
        return session;
    }

    /** Completes a sign-in whose second factor was verified: the MFA ticket is used up. */
    @Transactional
    public Session completeMfaLogin(TokenIssuer.MfaTicket ticket, Client client) {
        denyList.deny(ticket.tokenId(), ticket.expiresAt());
        return openSession(ticket.userId(), client);
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
