package io.telemetryflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.telemetryflow.iam.UserAccess;
import io.telemetryflow.iam.UserStatus;
import java.time.Duration;
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
        issuer.settings = settings;
        issuer.keys = keys;
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

        assertThat(issuer.readMfaToken(ticket)).map(TokenIssuer.MfaTicket::userId).contains(user);
        keys.trusted.remove(first.getKeyID());
        assertThat(issuer.readMfaToken(ticket)).isEmpty();
    }

    @Test
    void aTicketNamingATrustedKidButSignedByAnotherKeyIsRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(first.getKeyID()).generate();
        keys.active = stranger;
        String forged = issuer.mfaToken(UUID.randomUUID()).token();

        assertThat(issuer.readMfaToken(forged)).isEmpty();
    }
}
