package io.telemetryflow.auth;

import io.telemetryflow.iam.AccessDirectory;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.User;
import io.telemetryflow.iam.UserAccess;
import io.telemetryflow.iam.UserStatus;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.ratelimit.RateLimiter;
import io.telemetryflow.platform.security.Argon2idHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-in, token refresh and sign-out. Answers never tell whether an email has an account: an
 * unknown email costs the same Argon2id verification as a wrong password and is locked out after
 * the same number of failures. Failed attempts are counted even though the request fails, so
 * these methods do not roll back on {@link Rejected}.
 */
@ApplicationScoped
public class LoginService {

    static final String BAD_CREDENTIALS = "invalid email or password";
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
    UnknownAccountLockout unknownLockout;

    @Inject
    RateLimiter rateLimiter;

    private final Argon2idHasher hasher = Argon2idHasher.owaspDefaults();

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
        throttle(client);
        String normalized = User.normalizeEmail(email);
        String digest = RefreshTokens.sha256(normalized);
        Instant now = Instant.now();
        Optional<User> found = em.createQuery("SELECT u FROM User u WHERE u.email = :email AND u.deletedAt IS NULL", User.class)
                .setParameter("email", normalized)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
        if (found.isEmpty()) {
            if (unknownLockout.isLocked(digest, settings.lockoutMaxAttempts(), settings.lockoutDuration())) {
                throw locked();
            }
            hasher.verify(password, DUMMY_HASH);
            unknownLockout.recordFailure(digest, settings.lockoutMaxAttempts(), settings.lockoutDuration());
            throw Rejected.unauthorized(BAD_CREDENTIALS);
        }
        User user = found.get();
        if (user.isLockedAt(now)) {
            throw locked();
        }
        if (!hasher.verify(password, user.getPasswordHash())) {
            user.recordFailedLogin(settings.lockoutMaxAttempts(), settings.lockoutDuration(), now);
            throw Rejected.unauthorized(BAD_CREDENTIALS);
        }
        if (!user.getStatus().canLogIn()) {
            throw Rejected.forbidden("this account is " + user.getStatus().name().toLowerCase() + "; an administrator must activate it");
        }
        user.recordSuccessfulLogin(now);
        if (user.isMfaEnabled()) {
            TokenIssuer.IssuedToken ticket = tokens.mfaToken(user.getId());
            return new LoginResult(Optional.empty(), ticket.token(), ticket.expiresAt());
        }
        return new LoginResult(Optional.of(openSession(user.getId(), client)), null, null);
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
            throw Rejected.unauthorized(rotation.failure());
        }
        RefreshTokens.Issued next = rotation.next().get();
        UserAccess user = access.load(rotation.userId()).filter(u -> u.status() == UserStatus.ACTIVE).orElse(null);
        if (user == null) {
            refreshTokens.revokeFamily(next.familyId());
            throw Rejected.unauthorized("the account is no longer active");
        }
        TokenIssuer.IssuedToken accessToken = tokens.accessToken(user, next.familyId());
        return new Session(accessToken.token(), accessToken.expiresAt(), next.token(), next.expiresAt(), next.familyId(), user);
    }

    /** Ends the caller's session: its refresh tokens stop working and the access token is denied everywhere until it expires. */
    @Transactional
    public void logout(Caller caller, String accessTokenId, Instant accessTokenExpiresAt) {
        denyList.deny(accessTokenId, accessTokenExpiresAt);
        if (caller.sessionId() != null) {
            refreshTokens.revokeFamily(UUID.fromString(caller.sessionId()));
        }
    }

    private Session openSession(UUID userId, Client client) {
        UserAccess user = access.load(userId).orElseThrow(() -> Rejected.unauthorized(BAD_CREDENTIALS));
        RefreshTokens.Issued refresh = refreshTokens.startFamily(userId, client.ipAddress(), client.userAgent());
        TokenIssuer.IssuedToken accessToken = tokens.accessToken(user, refresh.familyId());
        return new Session(accessToken.token(), accessToken.expiresAt(), refresh.token(), refresh.expiresAt(), refresh.familyId(), user);
    }

    private void throttle(Client client) {
        RateLimiter.Decision decision = rateLimiter.tryAcquire("login-ip:" + client.ipAddress(), settings.loginAttemptsPerIpPerMinute());
        if (!decision.allowed()) {
            throw Rejected.tooManyRequests("too many sign-in attempts from this address; try again later", decision.retryAfterSeconds());
        }
    }

    private Rejected locked() {
        return Rejected.tooManyRequests("too many failed sign-in attempts for this account; try again later",
                (int) settings.lockoutDuration().toSeconds());
    }
}
