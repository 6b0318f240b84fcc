package io.telemetryflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class Argon2idHasherTest {

    // small parameters keep the unit test fast; production uses owaspDefaults()
    private final Argon2idHasher hasher = new Argon2idHasher(64, 1, 1, new SecureRandom());

    @Test
    void verifiesTheRightSecretOnly() {
        String encoded = hasher.hash("tfs_correct horse");
        assertThat(encoded).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        assertThat(hasher.verify("tfs_correct horse", encoded)).isTrue();
        assertThat(hasher.verify("tfs_correct hors", encoded)).isFalse();
        assertThat(hasher.verify("", encoded)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void malformedOrForeignEncodingsNeverMatch() {
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify("x", "")).isFalse();
        assertThat(hasher.verify("x", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
        assertThat(hasher.verify("x", "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
    }

    @Test
    void verifiesTheReferenceImplementationsTestVector() {
        // argon2 reference implementation (PHC), src/test.c: argon2id, t=2, m=2^16 KiB, p=1, "password", "somesalt"
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(hasher.verify("password", reference)).isTrue();
        assertThat(hasher.verify("Password", reference)).isFalse();
    }

    @Test
    void weakerStoredParametersNeedRehash() {
        Argon2idHasher stronger = new Argon2idHasher(128, 2, 1, new SecureRandom());
        assertThat(stronger.needsRehash(hasher.hash("x"))).isTrue();
        assertThat(stronger.needsRehash(stronger.hash("x"))).isFalse();
    }
}
