package io.telemetryflow.platform.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts small secrets for storage (MFA secrets, the JWT signing key) with AES-256-GCM under the
 * platform's encryption key. Sealed values read {@code v1:<base64url(nonce | ciphertext | tag)>}
 * with a fresh random 96-bit nonce each time; the version prefix leaves room for another algorithm
 * or key later. The optional {@code context} (e.g. {@code "mfa:<user id>"}) is authenticated but not
 * stored, so a sealed value copied to another row does not decrypt there.
 */
public final class SecretBox {

    private static final String VERSION = "v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final SecureRandom random;

    public SecretBox(byte[] key, SecureRandom random) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the encryption key must be " + KEY_BYTES + " bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.random = random;
    }

    /** A thrown-away value: the stored value is malformed, was changed, or was sealed under another key or context. */
    public static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public String encrypt(byte[] plaintext) {
        return encrypt(plaintext, "");
    }

    public String encrypt(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = ByteBuffer.allocate(NONCE_BYTES + cipher.getOutputSize(plaintext.length))
                    .put(nonce).put(cipher.doFinal(plaintext)).array();
            return VERSION + B64.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    public byte[] decrypt(String sealed) {
        return decrypt(sealed, "");
    }

    public byte[] decrypt(String sealed, String context) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new Unreadable("not a sealed value of a known version", null);
        }
        byte[] bytes;
        try {
            bytes = B64_DECODER.decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new Unreadable("sealed value is not base64url", e);
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new Unreadable("sealed value is too short", null);
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), context);
            return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new Unreadable("sealed value was tampered with, or sealed under another key or context", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((VERSION + context).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
