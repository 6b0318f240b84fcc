package io.telemetryflow.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.telemetryflow.audit.AuditEvent;
import io.telemetryflow.audit.AuditTrail;
import io.telemetryflow.auth.signing.SigningKey;
import io.telemetryflow.auth.signing.SigningKeyRing;
import io.telemetryflow.auth.signing.SigningKeyState;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.security.SecretBox;
import io.telemetryflow.platform.transaction.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The platform's own RSA keys for its tokens, shared by every node through PostgreSQL (private halves encrypted
 * with the platform encryption key), rotated with a standby key ({@link SigningKeyRing}). At start-up the first
 * node creates an ACTIVE and a NEXT key. Tokens are signed with the ACTIVE key and carry its {@code kid}; they are
 * verified ({@link TokenIssuer}) with the key that {@code kid} names, among ACTIVE, NEXT and recently retired keys.
 * Each node re-reads the keys at most every {@link #KEY_REFRESH}, so a rotation on any node reaches the others'
 * signing within that time, and a new standby key their verifiers.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    /** "tfjwtk" in ASCII: serializes key creation and rotation across nodes. */
    private static final long LOCK_KEY = 0x7466_6a77_746bL;
    /** How long a node keeps the keys it last read (to sign with and to verify against) before asking PostgreSQL again. */
    static final Duration KEY_REFRESH = Duration.ofSeconds(10);

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    SecretBox secretBox;

    @Inject
    AuthSettings settings;

    @Inject
    AuditTrail audit;

    @Inject
    AfterCommit afterCommit;

    Clock clock = Clock.systemUTC();

    /** The ring as last read, with the decrypted ACTIVE key and when it was read. */
    private record Loaded(SigningKeyRing ring, RSAKey active, Instant readAt) {
    }

    /** The outcome of a rotation: the key that now signs, the new standby key, and the key that stopped signing. */
    public record Rotation(String activeKeyId, String nextKeyId, String retiredKeyId) {
    }

    private volatile Loaded loaded;
    /** Decrypted keys by id (a key never changes under its id). */
    private final Map<String, RSAKey> decrypted = new ConcurrentHashMap<>();

    /** Creates the ACTIVE and NEXT keys if missing. */
    @Transactional
    public void ensureKeys() {
        lock();
        Instant now = clock.instant();
        SigningKeyRing ring = readRing(now);
        List<SigningKeyState> missing = ring.missing();
        if (!missing.isEmpty()) {
            missing.forEach(state -> create(state, now));
            ring = readRing(now);
        }
        loaded = new Loaded(ring, activeKey(ring), now);
        SigningKeyRing started = ring;
        LOG.info(() -> "JWT signing key " + loaded.active().getKeyID() + "; accepted for verification: "
                + started.trusted(now, settings.signedTokenLifetime()).stream().map(SigningKey::keyId).toList());
    }

    /** The key to sign with: the ACTIVE one, as read from PostgreSQL at most {@link #KEY_REFRESH} ago. */
    public RSAKey signingKey() {
        return fresh().active();
    }

    /**
     * The public key with this id, if tokens it signed may still be alive: ACTIVE, NEXT or retired less than the longest
     * token lifetime ago, as read from PostgreSQL at most {@link #KEY_REFRESH} ago. An unknown id costs no query.
     */
    public Optional<RSAKey> verificationKey(String keyId) {
        if (keyId == null) {
            return Optional.empty();
        }
        return fresh().ring().trusted(clock.instant(), settings.signedTokenLifetime()).stream()
                .filter(k -> k.keyId().equals(keyId)).findFirst()
                .map(k -> decrypted(k.keyId()).toPublicJWK());
    }

    /**
     * Promotes NEXT to ACTIVE, retires the ACTIVE key and creates a new NEXT one. Refused (409, audited) while the NEXT
     * key is so young that a node may not have read it yet ({@link #knownEverywhereAfter()}).
     */
    @Transactional
    public Rotation rotate(Caller caller) {
        lock();
        Instant now = clock.instant();
        SigningKeyRing ring = readRing(now);
        Optional<String> refusal = ring.rotationRefusal(now, knownEverywhereAfter());
        if (refusal.isPresent()) {
            audit.record(rotationEvent(caller, AuditEvent.Result.FAILURE, null).error(refusal.get()).build());
            throw Rejected.conflict(null, refusal.get());
        }
        String retiring = ring.active().orElseThrow().keyId();
        String promoted = ring.next().orElseThrow().keyId();
        em.createNativeQuery("UPDATE signing_keys SET state = 'RETIRED', retired_at = ?1 WHERE key_id = ?2")
                .setParameter(1, now.atOffset(ZoneOffset.UTC)).setParameter(2, retiring).executeUpdate();
        em.createNativeQuery("UPDATE signing_keys SET state = 'ACTIVE', activated_at = ?1 WHERE key_id = ?2")
                .setParameter(1, now.atOffset(ZoneOffset.UTC)).setParameter(2, promoted).executeUpdate();
        RSAKey next = create(SigningKeyState.NEXT, now);
        Rotation rotation = new Rotation(promoted, next.getKeyID(), retiring);
        audit.recordOnCommit(rotationEvent(caller, AuditEvent.Result.SUCCESS, promoted)
                .metadata(Map.of("activeKeyId", promoted, "nextKeyId", next.getKeyID(), "retiredKeyId", retiring)).build());
        afterCommit.run(() -> loaded = null);   // this node signs with the promoted key from its next token on
        LOG.info(() -> "JWT signing key rotated by " + caller.email() + ": " + rotation);
        return rotation;
    }

    /** How long after its creation every node trusts a key: each re-reads the keys that often, and their clocks may differ by the skew. */
    Duration knownEverywhereAfter() {
        return KEY_REFRESH.plus(settings.clockSkew());
    }

    private Loaded fresh() {
        Loaded current = loaded;
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.readAt().plus(KEY_REFRESH))) {
            return current;
        }
        SigningKeyRing ring = readRing(now);
        Loaded reloaded = new Loaded(ring, activeKey(ring), now);
        loaded = reloaded;
        return reloaded;
    }

    private RSAKey activeKey(SigningKeyRing ring) {
        return decrypted(ring.active().orElseThrow(() -> new IllegalStateException("no ACTIVE JWT signing key in PostgreSQL")).keyId());
    }

    private static AuditEvent.Builder rotationEvent(Caller caller, AuditEvent.Result result, String keyId) {
        return AuditEvent.builder(AuditEvent.Type.DATA, "signing-key.rotate", result)
                .resource(keyId == null ? "signing-keys" : "signing-keys/" + keyId)
                .user(caller.userId(), caller.email(), null, null)
                .scope(caller.organizationId(), null, null)
                .session(caller.sessionId());
    }

    private void lock() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)::text").setParameter(1, LOCK_KEY).getSingleResult();
    }

    /** The keys that are not retired, or retired so recently that their tokens may be alive. */
    private SigningKeyRing readRing(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT key_id, state, (extract(epoch FROM created_at) * 1000)::bigint, (extract(epoch FROM retired_at) * 1000)::bigint
                        FROM signing_keys WHERE state <> 'RETIRED' OR retired_at > ?1""")
                .setParameter(1, now.minus(settings.signedTokenLifetime()).atOffset(ZoneOffset.UTC)).getResultList();
        return new SigningKeyRing(rows.stream().map(row -> new SigningKey((String) row[0], SigningKeyState.valueOf((String) row[1]),
                Instant.ofEpochMilli(((Number) row[2]).longValue()),
                row[3] == null ? null : Instant.ofEpochMilli(((Number) row[3]).longValue()))).toList());
    }

    private RSAKey create(SigningKeyState state, Instant now) {
        RSAKey key = generate();
        em.createNativeQuery("""
                        INSERT INTO signing_keys (key_id, algorithm, public_key_pem, private_key_encrypted, created_at, state)
                        VALUES (?1, 'RS256', ?2, ?3, ?4, ?5)""")
                .setParameter(1, key.getKeyID())
                .setParameter(2, publicPem(key))
                .setParameter(3, secretBox.encrypt(key.toJSONString().getBytes(StandardCharsets.UTF_8)))
                .setParameter(4, now.atOffset(ZoneOffset.UTC))
                .setParameter(5, state.name())
                .executeUpdate();
        if (state == SigningKeyState.ACTIVE) {
            em.createNativeQuery("UPDATE signing_keys SET activated_at = created_at WHERE key_id = ?1").setParameter(1, key.getKeyID()).executeUpdate();
        }
        decrypted.put(key.getKeyID(), key);
        LOG.info(() -> "Created the " + state + " JWT signing key " + key.getKeyID());
        return key;
    }

    private RSAKey decrypted(String keyId) {
        return decrypted.computeIfAbsent(keyId, id -> {
            String sealed = (String) em.createNativeQuery("SELECT private_key_encrypted FROM signing_keys WHERE key_id = ?1")
                    .setParameter(1, id).getSingleResult();
            return parse(new String(decrypt(sealed), StandardCharsets.UTF_8));
        });
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
