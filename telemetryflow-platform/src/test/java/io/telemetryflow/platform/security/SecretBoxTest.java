package io.telemetryflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private final SecureRandom random = new SecureRandom();
    private final SecretBox box = new SecretBox(key(), random);

    @Test
    void roundTripsWithAndWithoutContext() {
        byte[] secret = "twenty byte secret!!".getBytes(StandardCharsets.UTF_8);
        assertThat(box.decrypt(box.encrypt(secret))).isEqualTo(secret);
        assertThat(box.decrypt(box.encrypt(secret, "mfa:42"), "mfa:42")).isEqualTo(secret);
        assertThat(box.decrypt(box.encrypt(new byte[0]))).isEmpty();
    }

    @Test
    void sealedValuesAreVersionedAndUseAFreshNonceEachTime() {
        byte[] secret = new byte[20];
        String first = box.encrypt(secret);
        String second = box.encrypt(secret);
        assertThat(first).startsWith("v1:").isNotEqualTo(second);
        // nonce 12 + ciphertext 20 + tag 16 bytes = 48 bytes = 64 base64 characters
        assertThat(first).hasSize(3 + 64);
    }

    @Test
    void detectsTampering() {
        String sealed = box.encrypt("secret".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(3));
        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = bytes.clone();
            changed[i] ^= 0x01;
            String tampered = "v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            assertThatThrownBy(() -> box.decrypt(tampered)).isInstanceOf(SecretBox.Unreadable.class);
        }
    }

    @Test
    void refusesAnotherKeyOrContext() {
        String sealed = box.encrypt(new byte[]{1, 2, 3}, "mfa:alice");
        assertThatThrownBy(() -> box.decrypt(sealed, "mfa:bob")).isInstanceOf(SecretBox.Unreadable.class);
        assertThatThrownBy(() -> new SecretBox(key(), random).decrypt(sealed, "mfa:alice")).isInstanceOf(SecretBox.Unreadable.class);
    }

    @Test
    void refusesMalformedValues() {
        assertThatThrownBy(() -> box.decrypt("v2:AAAA")).isInstanceOf(SecretBox.Unreadable.class);
        assertThatThrownBy(() -> box.decrypt("v1:not base64!")).isInstanceOf(SecretBox.Unreadable.class);
        assertThatThrownBy(() -> box.decrypt("v1:AAAA")).isInstanceOf(SecretBox.Unreadable.class);
        assertThatThrownBy(() -> box.decrypt(null)).isInstanceOf(SecretBox.Unreadable.class);
    }

    @Test
    void needsA256BitKey() {
        assertThatThrownBy(() -> new SecretBox(new byte[16], random)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }

    private byte[] key() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }
}
