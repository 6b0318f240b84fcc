package io.telemetryflow.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The platform's encryption key: {@code telemetryflow.security.encryption-key} (base64 of 32 bytes;
 * env TELEMETRYFLOW_SECURITY_ENCRYPTION_KEY) or, when unset, a key generated once into a file in the
 * server's data directory. Every node of a cluster must use the same configured key.
 */
@ApplicationScoped
public class SecretBoxProducer {

    private static final Logger LOG = Logger.getLogger(SecretBoxProducer.class.getName());

    @Inject
    @ConfigProperty(name = "telemetryflow.security.encryption-key")
    Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = "telemetryflow.security.encryption-key-file")
    String keyFile;

    @Produces
    @Singleton
    SecretBox secretBox() {
        if (configuredKey.isPresent() && !configuredKey.get().isBlank()) {
            return new SecretBox(Base64.getDecoder().decode(configuredKey.get().trim()));
        }
        return new SecretBox(Base64.getDecoder().decode(readOrCreate(Path.of(keyFile)).trim()));
    }

    private static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                            Base64.getEncoder().encodeToString(key));
                    LOG.warning(() -> "No telemetryflow.security.encryption-key configured: generated one in " + file
                            + ". Nodes of a cluster must all be given the same key.");
                } catch (FileAlreadyExistsException raced) {
                    // another start-up thread wrote it first; read theirs
                }
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the encryption key file " + file, e);
        }
    }
}
