package io.telemetryflow.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Where the platform's 256-bit encryption key comes from: the configured value (base64), or else a
 * key file generated on first start (mode 600) and reused afterwards. The file suits one node; a
 * cluster must configure the same key on every node, or secrets sealed by one node do not open on
 * another.
 */
public final class EncryptionKeySource {

    private static final Logger LOG = Logger.getLogger(EncryptionKeySource.class.getName());
    static final int KEY_BYTES = 32;

    private EncryptionKeySource() {
    }

    public static byte[] resolve(Optional<String> configured, Supplier<Path> keyFileLocation, SecureRandom random) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return decode(configured.get().strip(), "telemetryflow.security.encryption-key");
        }
        Path keyFile = keyFileLocation.get();
        if (Files.isRegularFile(keyFile)) {
            return read(keyFile);
        }
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        try {
            write(keyFile, key);
        } catch (FileAlreadyExistsException e) {
            return read(keyFile);   // another start got there first
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated encryption key to " + keyFile, e);
        }
        LOG.warning(() -> "No encryption key configured (telemetryflow.security.encryption-key): generated one in " + keyFile
                + ". Back it up; every node of a cluster must be configured with one shared key instead.");
        return key;
    }

    private static byte[] read(Path keyFile) {
        try {
            return decode(Files.readString(keyFile, StandardCharsets.US_ASCII).strip(), keyFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the encryption key file " + keyFile, e);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the encryption key in " + source + " is not base64", e);
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("the encryption key in " + source + " must be " + KEY_BYTES
                    + " bytes (base64 of 32 random bytes, e.g. `openssl rand -base64 32`), got " + key.length);
        }
        return key;
    }

    /** Written beside the target first and moved into place, so nobody ever reads half a key. */
    private static void write(Path keyFile, byte[] key) throws IOException {
        Path directory = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path partial = directory.resolve(keyFile.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        try {
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(partial);   // not a POSIX file system
        }
        Files.writeString(partial, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        if (Files.exists(keyFile)) {
            Files.delete(partial);
            throw new FileAlreadyExistsException(keyFile.toString());
        }
        Files.move(partial, keyFile, StandardCopyOption.ATOMIC_MOVE);
    }
}
