package io.telemetryflow.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.telemetryflow.iam.UserAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs and verifies the platform's tokens: access tokens (verified on every API request and live-tail sign-in) and
 * the short-lived tickets that carry a half-finished login to its next step: validate-mfa, or (a password an
 * administrator chose) complete-password-change. Each kind of ticket has its own audience, so a ticket is never
 * accepted as an access token nor as the other kind of ticket. Tokens are signed with the ACTIVE key and name it in
 * their {@code kid} header; a token is verified only with the trusted key its {@code kid} names ({@link SigningKeys}),
 * so a token without a {@code kid}, with an unknown one, or with an unreadable header is simply not valid.
 */
@ApplicationScoped
public class TokenIssuer {

    static final String MFA_AUDIENCE = "telemetryflow-mfa";
    static final String PASSWORD_CHANGE_AUDIENCE = "telemetryflow-password-change";

    @Inject
    SigningKeys keys;

    @Inject
    AuthSettings settings;

    Clock clock = Clock.systemUTC();

    public record IssuedToken(String token, String tokenId, Instant expiresAt) {
    }

    public IssuedToken accessToken(UserAccess user, UUID sessionId) {
        Instant now = clock.instant();
        Instant expires = now.plus(settings.accessTokenTtl());
        String tokenId = UUID.randomUUID().toString();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .audience(settings.audience())
                .subject(user.userId().toString())
                .jwtID(tokenId)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .claim("upn", user.email())
                .claim("email", user.email())
                .claim("groups", List.copyOf(user.roles()))
                .claim("sid", sessionId.toString())
                .claim("org", user.organizationId().toString());
        if (user.workspaceId() != null) {
            claims.claim("ws", user.workspaceId().toString());
        }
        if (user.tenantId() != null) {
            claims.claim("tenant", user.tenantId().toString());
        }
        return new IssuedToken(sign(claims.build()), tokenId, expires);
    }

    public IssuedToken mfaToken(UUID userId) {
        return ticket(userId, MFA_AUDIENCE, settings.mfaTokenTtl());
    }

    /** The ticket of a sign-in whose credentials were right but whose password an administrator chose. */
    public IssuedToken passwordChangeToken(UUID userId) {
        return ticket(userId, PASSWORD_CHANGE_AUDIENCE, settings.passwordChangeTokenTtl());
    }

    private IssuedToken ticket(UUID userId, String audience, Duration ttl) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        String tokenId = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .audience(audience)
                .subject(userId.toString())
                .jwtID(tokenId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .build();
        return new IssuedToken(sign(claims), tokenId, expires);
    }

    /** The claims an access token of ours carries that the platform acts on. */
    public record AccessToken(String tokenId, String sessionId, String subject, Instant expiresAt) {
    }

    /**
     * A valid access token of ours, or empty: RS256 signed by a trusted key named in its {@code kid}, our issuer and
     * audience, within {@code nbf} and {@code exp} (each with the clock skew), with a token id, a subject and a session.
     */
    public Optional<AccessToken> readAccessToken(String token) {
        return verified(token, settings.audience(), settings.clockSkew())
                .filter(claims -> claims.getClaim("sid") instanceof String)
                .map(claims -> new AccessToken(claims.getJWTID(), (String) claims.getClaim("sid"), claims.getSubject(),
                        claims.getExpirationTime().toInstant()));
    }

    /** The user and token id of a valid, unexpired MFA token of ours, or empty. */
    public Optional<Ticket> readMfaToken(String token) {
        return readTicket(token, MFA_AUDIENCE);
    }

    /** The user and token id of a valid, unexpired password-change ticket of ours, or empty. */
    public Optional<Ticket> readPasswordChangeToken(String token) {
        return readTicket(token, PASSWORD_CHANGE_AUDIENCE);
    }

    private Optional<Ticket> readTicket(String token, String audience) {
        try {
            return verified(token, audience, Duration.ZERO)
                    .map(claims -> new Ticket(UUID.fromString(claims.getSubject()), claims.getJWTID(), claims.getExpirationTime().toInstant()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A half-finished sign-in: whose it is, and the id under which it is used up (AccessTokenDenyList). */
    public record Ticket(UUID userId, String tokenId, Instant expiresAt) {
    }

    /**
     * The claims of a token of ours for {@code audience}, or empty. The {@code kid} is looked up first: a token that
     * names no trusted key is refused before any other check.
     */
    private Optional<JWTClaimsSet> verified(String token, String audience, Duration skew) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            Optional<RSAKey> key = keys.verificationKey(jwt.getHeader().getKeyID());
            if (key.isEmpty() || !JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new RSASSAVerifier(key.get().toRSAPublicKey()))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            boolean current = claims.getExpirationTime() != null && now.isBefore(claims.getExpirationTime().toInstant().plus(skew))
                    && (claims.getNotBeforeTime() == null || !now.plus(skew).isBefore(claims.getNotBeforeTime().toInstant()));
            boolean ours = settings.issuer().equals(claims.getIssuer()) && claims.getAudience().contains(audience);
            return current && ours && claims.getJWTID() != null && claims.getSubject() != null ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    private String sign(JWTClaimsSet claims) {
        try {
            RSAKey key = keys.signingKey();
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }
}
