package io.telemetryflow.platform.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Integrity for values kept in the cache cluster, which any host that reaches a member can write to (Hazelcast's
 * open-source edition authenticates no member). A sealed value is {@code version ‖ expiry ‖ HMAC-SHA256 ‖ payload},
 * the payload being the value's Java serialization; the MAC, under a key derived from the cluster's shared encryption
 * key, covers the entry's storage key, expiry and payload, so a value can be neither forged, altered, moved to another
 * key (another user's access, another tenant's generation) nor kept beyond its expiry. A value that fails any check is
 * a miss. The payload is deserialized only after the MAC verified, and then only through {@link CacheSerialization}.
 */
public final class CacheSeal {

    private static final Logger LOG = Logger.getLogger(CacheSeal.class.getName());
    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 32;
    private static final int HEADER_BYTES = 1 + Long.BYTES + MAC_BYTES;

    /** A value that passed every check, with the wall-clock time (epoch ms) it expires at. */
    public record Opened(Serializable value, long expiresAtMillis) {
    }

    private final SecretKeySpec macKey;
    private final AtomicBoolean warnedForgery = new AtomicBoolean();
    private final AtomicBoolean warnedUnreadable = new AtomicBoolean();

    /** @param macKey 32 bytes shared by every node of the cluster (derived from the encryption key, never the key itself) */
    public CacheSeal(byte[] macKey) {
        if (macKey.length != MAC_BYTES) {
            throw new IllegalArgumentException("the cache MAC key must be 32 bytes, got " + macKey.length);
        }
        this.macKey = new SecretKeySpec(macKey.clone(), "HmacSHA256");
    }

    /** The sealed form of {@code value} stored under {@code storageKey} until {@code expiresAtMillis}. */
    public byte[] seal(String storageKey, Serializable value, long expiresAtMillis) {
        byte[] payload = serialize(value);
        byte[] mac = mac(storageKey, expiresAtMillis, payload, 0, payload.length);
        return ByteBuffer.allocate(HEADER_BYTES + payload.length).put(VERSION).putLong(expiresAtMillis).put(mac).put(payload).array();
    }

    /** The value sealed under {@code storageKey}, or empty if it is not authentic, not for this key, or expired at {@code nowMillis}. */
    public Optional<Opened> open(String storageKey, Object stored, long nowMillis) {
        if (!(stored instanceof byte[] sealed) || sealed.length < HEADER_BYTES || sealed[0] != VERSION) {
            return forged(storageKey);
        }
        ByteBuffer buffer = ByteBuffer.wrap(sealed);
        long expiresAtMillis = buffer.position(1).getLong();
        byte[] expected = mac(storageKey, expiresAtMillis, sealed, HEADER_BYTES, sealed.length - HEADER_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(sealed, 1 + Long.BYTES, HEADER_BYTES))) {
            return forged(storageKey);
        }
        if (expiresAtMillis <= nowMillis) {
            return Optional.empty();
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(sealed, HEADER_BYTES, sealed.length - HEADER_BYTES))) {
            in.setObjectInputFilter(CacheSerialization.valueFilter());
            return Optional.of(new Opened((Serializable) in.readObject(), expiresAtMillis));
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            // authentic but unreadable here: written by another version of a class, or of a class not on the list
            warnOnce(warnedUnreadable, "An authentic cache-cluster entry could not be read (namespace " + namespace(storageKey)
                    + "): treated as a miss. Further ones are logged at FINE.", e);
            return Optional.empty();
        }
    }

    private Optional<Opened> forged(String storageKey) {
        warnOnce(warnedForgery, "A cache-cluster entry failed its integrity check (namespace " + namespace(storageKey)
                + "): treated as a miss. A member holding another encryption key, or a host that is not one of ours, "
                + "writes to the cache cluster. Further ones are logged at FINE.", null);
        return Optional.empty();
    }

    private static void warnOnce(AtomicBoolean warned, String message, Exception cause) {
        LOG.log(warned.compareAndSet(false, true) ? Level.WARNING : Level.FINE, message, cause);
    }

    /** Only the namespace: the rest of a storage key may hold a digest of a secret. */
    private static String namespace(String storageKey) {
        int colon = storageKey.indexOf(':');
        return colon < 0 ? "?" : storageKey.substring(0, colon);
    }

    private byte[] mac(String storageKey, long expiresAtMillis, byte[] payload, int offset, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            byte[] key = storageKey.getBytes(StandardCharsets.UTF_8);
            mac.update(ByteBuffer.allocate(1 + Long.BYTES + Integer.BYTES).put(VERSION).putLong(expiresAtMillis).putInt(key.length).array());
            mac.update(key);
            mac.update(payload, offset, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }

    private static byte[] serialize(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize a " + value.getClass().getName() + " for the cache cluster", e);
        }
        return bytes.toByteArray();
    }
}
