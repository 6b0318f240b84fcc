package io.telemetryflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.telemetryflow.iam.UserAccess;
import io.telemetryflow.iam.UserStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {

    /** The keys as a node sees them: one ACTIVE key to sign with, the keys whose tokens are still accepted. */
    static final class Keys extends SigningKeys {
        RSAKey active;
        final Map<String, RSAKey> trusted = new HashMap<>();

        @Override
        public RSAKey signingKey() {
            return active;
        }

        @Override
        public Optional<RSAKey> verificationKey(String keyId) {
            return Optional.ofNullable(keyId == null ? null : trusted.get(keyId)).map(RSAKey::toPublicJWK);
        }
    }

    private static final UUID USER = UUID.randomUUID();
    private static final UUID ORGANIZATION = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final Keys keys = new Keys();
    private final TokenIssuer issuer = new TokenIssuer();
    private RSAKey first;
    private RSAKey second;

    @BeforeEach
    void keys() throws Exception {
        first = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        second = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        AuthSettings settings = new AuthSettings();
        settings.issuer = "telemetryflow";
        settings.audience = "telemetryflow-api";
        settings.accessTokenTtl = Duration.ofMinutes(15);
        settings.mfaTokenTtl = Duration.ofMinutes(5);
        settings.passwordChangeTokenTtl = Duration.ofMinutes(10);
        settings.clockSkewSeconds = 30;
        issuer.settings = settings;
        issuer.keys = keys;
        issuer.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        keys.active = first;
        keys.trusted.put(first.getKeyID(), first);
        keys.trusted.put(second.getKeyID(), second);
    }

    @Test
    void tokensAreSignedWithTheActiveKeyAndNameItInTheKidHeader() throws Exception {
        UserAccess user = new UserAccess(UUID.randomUUID(), "a@example.com", "A", "B", UUID.randomUUID(), null, null,
                UserStatus.ACTIVE, Set.of("Viewer"), Set.of(), List.of());
        SignedJWT before = SignedJWT.parse(issuer.accessToken(user, UUID.randomUUID()).token());
        keys.active = second;   // a rotation promoted the standby key
        SignedJWT after = SignedJWT.parse(issuer.accessToken(user, UUID.randomUUID()).token());

        assertThat(before.getHeader().getKeyID()).isEqualTo(first.getKeyID());
        assertThat(before.verify(new RSASSAVerifier(first.toRSAPublicKey()))).isTrue();
        assertThat(after.getHeader().getKeyID()).isEqualTo(second.getKeyID());
        assertThat(after.verify(new RSASSAVerifier(second.toRSAPublicKey()))).isTrue();
    }

    @Test
    void anMfaTicketSignedBeforeARotationIsReadUntilItsKeyIsNoLongerTrusted() {
        UUID user = UUID.randomUUID();
        String ticket = issuer.mfaToken(user).token();
        keys.active = second;

        assertThat(issuer.readMfaToken(ticket)).map(TokenIssuer.Ticket::userId).contains(user);
        keys.trusted.remove(first.getKeyID());
        assertThat(issuer.readMfaToken(ticket)).isEmpty();
    }

    @Test
    void aPasswordChangeTicketIsReadAsNothingElseAndNothingElseAsIt() {
        UUID user = UUID.randomUUID();
        TokenIssuer.IssuedToken passwordChange = issuer.passwordChangeToken(user);
        String mfa = issuer.mfaToken(user).token();
        String access = issuer.accessToken(user(), UUID.randomUUID()).token();

        assertThat(issuer.readPasswordChangeToken(passwordChange.token()))
                .contains(new TokenIssuer.Ticket(user, passwordChange.tokenId(), NOW.plus(Duration.ofMinutes(10))));
        assertThat(issuer.readMfaToken(passwordChange.token())).as("not an MFA ticket").isEmpty();
        assertThat(issuer.readAccessToken(passwordChange.token())).as("not an access token").isEmpty();
        assertThat(issuer.readPasswordChangeToken(mfa)).as("an MFA ticket").isEmpty();
        assertThat(issuer.readPasswordChangeToken(access)).as("an access token").isEmpty();
    }

    @Test
    void aPasswordChangeTicketExpiresWithoutToleranceForClockSkew() {
        String ticket = issuer.passwordChangeToken(UUID.randomUUID()).token();

        issuer.clock = Clock.fixed(NOW.plus(Duration.ofMinutes(10)).minusSeconds(1), ZoneOffset.UTC);
        assertThat(issuer.readPasswordChangeToken(ticket)).isPresent();
        issuer.clock = Clock.fixed(NOW.plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        assertThat(issuer.readPasswordChangeToken(ticket)).isEmpty();
    }

    @Test
    void aRetiredKeyStaysTrustedForTheLongestTicketOrTokenLifetimePlusTheSkew() {
        assertThat(issuer.settings.signedTokenLifetime()).isEqualTo(Duration.ofMinutes(15).plusSeconds(30));
        issuer.settings.passwordChangeTokenTtl = Duration.ofMinutes(20);
        assertThat(issuer.settings.signedTokenLifetime()).isEqualTo(Duration.ofMinutes(20).plusSeconds(30));
    }

    @Test
    void aTicketNamingATrustedKidButSignedByAnotherKeyIsRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(first.getKeyID()).generate();
        keys.active = stranger;
        String forged = issuer.mfaToken(UUID.randomUUID()).token();

        assertThat(issuer.readMfaToken(forged)).isEmpty();
    }

    @Test
    void anAccessTokenOfATrustedKeyIsReadWithItsSessionUntilItsKeyIsNoLongerTrusted() {
        UUID session = UUID.randomUUID();
        TokenIssuer.IssuedToken issued = issuer.accessToken(user(), session);
        keys.active = second;   // a rotation retired the key that signed it

        assertThat(issuer.readAccessToken(issued.token())).contains(
                new TokenIssuer.AccessToken(issued.tokenId(), session.toString(), user().userId().toString(), issued.expiresAt()));
        keys.trusted.remove(first.getKeyID());
        assertThat(issuer.readAccessToken(issued.token())).as("its key's retirement window is over").isEmpty();
    }

    @Test
    void aTokenWithoutAKidOrWithAnUnknownKidIsRefusedWhateverElseItHolds() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(issuer.accessToken(user(), UUID.randomUUID()).token()).getJWTClaimsSet();

        assertThat(issuer.readAccessToken(signed(first, null, claims))).as("no kid, signed by a trusted key").isEmpty();
        assertThat(issuer.readAccessToken(signed(first, "unknown", claims))).as("unknown kid, signed by a trusted key").isEmpty();
        assertThat(issuer.readAccessToken(new PlainJWT(claims).serialize())).as("alg none, no kid").isEmpty();
        assertThat(issuer.readAccessToken(signed(first, first.getKeyID(), claims))).as("control").isPresent();
    }

    @Test
    void aTokenWhoseHeaderCannotBeReadIsRefused() {
        String genuine = issuer.accessToken(user(), UUID.randomUUID()).token();
        String rest = genuine.substring(genuine.indexOf('.'));

        for (String header : List.of("not-json", "{\"alg\":\"RS256\",\"kid\":", "{\"alg\":\"RS256\",\"kid\":42}", "[]", "")) {
            assertThat(issuer.readAccessToken(Base64URL.encode(header) + rest)).as(header).isEmpty();
        }
        assertThat(issuer.readAccessToken("not.a.token")).isEmpty();
        assertThat(issuer.readAccessToken("%%%.%%%.%%%")).isEmpty();
        assertThat(issuer.readAccessToken("")).isEmpty();
    }

    @Test
    void aTokenOfATrustedKidIsStillRefusedForItsAlgorithmSignatureIssuerAudienceOrLifetime() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(issuer.accessToken(user(), UUID.randomUUID()).token()).getJWTClaimsSet();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(first.getKeyID()).generate();
        SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(first.getKeyID()).build(), claims);
        hs256.sign(new MACSigner(new byte[32]));
        Date now = Date.from(NOW);

        assertThat(issuer.readAccessToken(signed(stranger, first.getKeyID(), claims))).as("another key under a trusted kid").isEmpty();
        assertThat(issuer.readAccessToken(hs256.serialize())).as("HS256").isEmpty();
        assertThat(issuer.readAccessToken(signed(first, first.getKeyID(), new JWTClaimsSet.Builder(claims).issuer("else").build()))).isEmpty();
        assertThat(issuer.readAccessToken(signed(first, first.getKeyID(), new JWTClaimsSet.Builder(claims).audience(TokenIssuer.MFA_AUDIENCE).build())))
                .as("an MFA ticket's audience").isEmpty();
        assertThat(issuer.readAccessToken(signed(first, first.getKeyID(), new JWTClaimsSet.Builder(claims).claim("sid", null).build())))
                .as("no session").isEmpty();
        assertThat(issuer.readAccessToken(signed(first, first.getKeyID(),
                new JWTClaimsSet.Builder(claims).expirationTime(new Date(now.getTime() - 30_000)).build()))).as("expired beyond the skew").isEmpty();
        assertThat(issuer.readAccessToken(signed(first, first.getKeyID(),
                new JWTClaimsSet.Builder(claims).expirationTime(new Date(now.getTime() - 29_000)).build()))).as("expired within the skew").isPresent();
        assertThat(issuer.readAccessToken(signed(first, first.getKeyID(),
                new JWTClaimsSet.Builder(claims).notBeforeTime(new Date(now.getTime() + 31_000)).build()))).as("not yet valid").isEmpty();
        assertThat(issuer.readAccessToken(signed(first, first.getKeyID(), new JWTClaimsSet.Builder(claims).expirationTime(null).build())))
                .as("no expiry").isEmpty();
    }

    private static UserAccess user() {
        return new UserAccess(USER, "a@example.com", "A", "B", ORGANIZATION, null, null, UserStatus.ACTIVE, Set.of("Viewer"), Set.of(), List.of());
    }

    private static String signed(RSAKey key, String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
