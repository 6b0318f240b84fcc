package io.telemetryflow.alerting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of an alert instance: 16 lower-case hex characters (64 bits of SHA-256) of its label set, sorted by
 * name, each name and value length-prefixed so that no two different label sets encode alike ({@code {a:"b,c"}} and
 * {@code {a:"b", c:""}} differ).
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static String of(Map<String, String> labels) {
        MessageDigest digest = sha256();
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            field(digest, label.getKey());
            field(digest, label.getValue());
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    private static void field(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length});
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
