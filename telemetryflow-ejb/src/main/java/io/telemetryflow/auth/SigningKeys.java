package io.telemetryflow.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.telemetryflow.platform.security.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;

/**
 * The platform's own RSA key pair for access tokens, shared by every node through PostgreSQL (the
 * private half encrypted with the platform encryption key). At start-up each node loads it
 * (the first node creates it) and writes the public half, as PEM, where MicroProfile JWT reads its
 * verification key ({@code mp.jwt.verify.publickey.location}).
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    /** "tfjwtk" in ASCII: serializes key creation across nodes starting together. */
    private static final long LOCK_KEY = 0x7466_6a77_746bL;

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    SecretBox secretBox;

    @Inject
    AuthSettings settings;

    private volatile RSAKey current;

    /** Loads or creates the key pair and publishes the public key for MicroProfile JWT. */
    @Transactional
    public void ensureKey() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)::text").setParameter(1, LOCK_KEY).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT key_id, private_key_encrypted FROM signing_keys ORDER BY created_at DESC LIMIT 1").getResultList();
        RSAKey key;
        if (rows.isEmpty()) {
            key = generate();
            em.createNativeQuery("INSERT INTO signing_keys (key_id, algorithm, public_key_pem, private_key_encrypted, created_at) VALUES (?1, 'RS256', ?2, ?3, ?4)")
                    .setParameter(1, key.getKeyID())
                    .setParameter(2, publicPem(key))
                    .setParameter(3, secretBox.encrypt(key.toJSONString().getBytes(StandardCharsets.UTF_8)))
                    .setParameter(4, Instant.now().atOffset(ZoneOffset.UTC))
                    .executeUpdate();
            LOG.info(() -> "Created the JWT signing key " + key.getKeyID());
        } else {
            key = parse(new String(decrypt((String) rows.get(0)[1]), StandardCharsets.UTF_8));
        }
        publish(key);
        current = key;
    }

    public RSAKey current() {
        RSAKey key = current;
        if (key == null) {
            throw new IllegalStateException("the signing key is not loaded yet");
        }
        return key;
    }

    private void publish(RSAKey key) {
        Path file = Path.of(URI.create(settings.publicKeyLocation()));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".jwt-public", ".tmp");
            Files.writeString(temporary, publicPem(key), StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JWT public key to " + file, e);
        }
    }

    private byte[] decrypt(String sealed) {
        try {
            return secretBox.decrypt(sealed);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The JWT signing key stored in PostgreSQL cannot be decrypted with this node's encryption key:"
                    + " every node of one database needs the same telemetryflow.security.encryption-key", e);
        }
    }

    static String publicPem(RSAKey key) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.toRSAPublicKey().getEncoded());
            return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot export the public key", e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key pair", e);
        }
    }

    private static RSAKey parse(String json) {
        try {
            return RSAKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("the stored signing key is unreadable", e);
        }
    }
}
