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
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs the platform's tokens with its ACTIVE RSA key, named in the {@code kid} header so that verifiers pick it from
 * the published key set ({@link SigningKeys}): access tokens (verified on every request by
 * MicroProfile JWT) and the short-lived MFA tokens that carry a half-finished login to
 * validate-mfa. MFA tokens have their own audience, so they are never accepted as access tokens.
 */
@ApplicationScoped
public class TokenIssuer {

    static final String MFA_AUDIENCE = "telemetryflow-mfa";

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
        Instant now = clock.instant();
        Instant expires = now.plus(settings.mfaTokenTtl());
        String tokenId = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .audience(MFA_AUDIENCE)
                .subject(userId.toString())
                .jwtID(tokenId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .build();
        return new IssuedToken(sign(claims), tokenId, expires);
    }

    /** The user and token id of a valid, unexpired MFA token of ours, or empty. */
    public Optional<MfaTicket> readMfaToken(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            Optional<RSAKey> key = keys.verificationKey(jwt.getHeader().getKeyID());
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || key.isEmpty() || !jwt.verify(new RSASSAVerifier(key.get().toRSAPublicKey()))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (!settings.issuer().equals(claims.getIssuer()) || !claims.getAudience().contains(MFA_AUDIENCE)
                    || claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant())
                    || claims.getJWTID() == null || claims.getSubject() == null) {
                return Optional.empty();
            }
            return Optional.of(new MfaTicket(UUID.fromString(claims.getSubject()), claims.getJWTID(), claims.getExpirationTime().toInstant()));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public record MfaTicket(UUID userId, String tokenId, Instant expiresAt) {
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
