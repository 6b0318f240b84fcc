package io.telemetryflow.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's {@link SecretBox} under the platform encryption key: {@code telemetryflow.security.encryption-key}
 * (base64 of 32 bytes), else the key file ({@code telemetryflow.security.encryption-key-file}, by default
 * {@code ${jboss.server.data.dir}/telemetryflow/encryption.key}), generated on first start.
 */
@ApplicationScoped
public class SecretBoxProducer {

    @Produces
    @Singleton
    SecretBox secretBox(@ConfigProperty(name = "telemetryflow.security.encryption-key") Optional<String> key,
                        @ConfigProperty(name = "telemetryflow.security.encryption-key-file") Optional<String> keyFile) {
        SecureRandom random = new SecureRandom();
        return new SecretBox(EncryptionKeySource.resolve(key, () -> keyFile.map(Path::of).orElseGet(SecretBoxProducer::defaultKeyFile), random), random);
    }

    private static Path defaultKeyFile() {
        String dataDir = System.getProperty("jboss.server.data.dir");
        if (dataDir == null) {
            throw new IllegalStateException("set telemetryflow.security.encryption-key (or telemetryflow.security.encryption-key-file): "
                    + "there is no server data directory to keep a generated key in");
        }
        return Path.of(dataDir, "telemetryflow", "encryption.key");
    }
}
