package io.telemetryflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

    @Test
    void theKeySetHoldsThePublicHalvesWithTheirKidForRs256SignaturesOnly() throws Exception {
        RSAKey active = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        RSAKey next = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();

        String json = SigningKeys.jwks(List.of(active, next));

        JWKSet set = JWKSet.parse(json);
        assertThat(set.getKeys()).extracting(JWK::getKeyID).containsExactly(active.getKeyID(), next.getKeyID());
        for (JWK key : set.getKeys()) {
            assertThat(key.getKeyType()).isEqualTo(KeyType.RSA);
            assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
            assertThat(key.isPrivate()).as("private material of " + key.getKeyID()).isFalse();
        }
        assertThat(set.getKeyByKeyId(next.getKeyID()).toRSAKey().getModulus()).isEqualTo(next.getModulus());
        assertThat(json).contains("\"n\"", "\"e\"").doesNotContain("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"");
    }
}
