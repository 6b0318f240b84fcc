package io.telemetryflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionKeySourceTest {

    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void usesTheConfiguredKeyAndNeverTouchesTheFile() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] resolved = EncryptionKeySource.resolve(Optional.of(Base64.getEncoder().encodeToString(key)),
                () -> { throw new AssertionError("the key file must not be consulted"); }, random);
        assertThat(resolved).isEqualTo(key);
    }

    @Test
    void generatesAPrivateKeyFileOnceAndReusesIt() throws Exception {
        Path file = dir.resolve("telemetryflow/encryption.key");
        byte[] first = EncryptionKeySource.resolve(Optional.empty(), () -> file, random);
        assertThat(first).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(EncryptionKeySource.resolve(Optional.of(" "), () -> file, random)).isEqualTo(first);
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void refusesAKeyOfTheWrongSize() {
        assertThatThrownBy(() -> EncryptionKeySource.resolve(Optional.of(Base64.getEncoder().encodeToString(new byte[16])), () -> dir, random))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> EncryptionKeySource.resolve(Optional.of("%%%"), () -> dir, random))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not base64");
    }
}
