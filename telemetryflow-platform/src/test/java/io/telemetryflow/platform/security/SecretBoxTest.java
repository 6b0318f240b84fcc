package io.telemetryflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private final SecureRandom random = new SecureRandom();
    private final SecretBox box = new SecretBox(key());

    @Test
    void derivedKeysAreTheSameOnEveryNodeWithTheKeyAndDifferFromItAndFromEachOther() {
        byte[] key = key();
        byte[] cacheMac = new SecretBox(key).derivedKey("cache-mac");

        assertThat(cacheMac).hasSize(32).isEqualTo(new SecretBox(key.clone()).derivedKey("cache-mac"));
        assertThat(cacheMac).isNotEqualTo(key).isNotEqualTo(new SecretBox(key).derivedKey("another-purpose"));
        assertThat(cacheMac).isNotEqualTo(new SecretBox(key()).derivedKey("cache-mac"));
    }

    @Test
    void roundTrips() {
        byte[] secret = "twenty byte secret!!".getBytes(StandardCharsets.UTF_8);
        assertThat(box.decrypt(box.encrypt(secret))).isEqualTo(secret);
        assertThat(box.decrypt(box.encrypt(new byte[0]))).isEmpty();
    }

    @Test
    void sealedValuesAreVersionedAndUseAFreshNonceEachTime() {
        byte[] secret = new byte[20];
        String first = box.encrypt(secret);
        assertThat(first).startsWith("v1:").isNotEqualTo(box.encrypt(secret));
        // nonce 12 + ciphertext 20 + tag 16 bytes
        assertThat(Base64.getDecoder().decode(first.substring(3))).hasSize(48);
    }

    @Test
    void detectsTamperingWithAnyBit() {
        String sealed = box.encrypt("secret".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        for (int i = 0; i < bytes.length * 8; i++) {
            byte[] changed = bytes.clone();
            changed[i / 8] ^= (byte) (1 << (i % 8));
            String tampered = "v1:" + Base64.getEncoder().encodeToString(changed);
            assertThatThrownBy(() -> box.decrypt(tampered)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesAnotherKey() {
        String sealed = box.encrypt(new byte[]{1, 2, 3});
        assertThatThrownBy(() -> new SecretBox(key()).decrypt(sealed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another key");
    }

    @Test
    void refusesMalformedValues() {
        assertThatThrownBy(() -> box.decrypt("v2:AAAA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.decrypt("v1:AAAA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.decrypt(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void needsA256BitKey() {
        assertThatThrownBy(() -> new SecretBox(new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }

    private byte[] key() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }
}
