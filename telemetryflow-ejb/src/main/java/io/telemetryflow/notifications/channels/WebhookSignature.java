package io.telemetryflow.notifications.channels;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic webhook's signature header, in the scheme Stripe made familiar:
 * {@code X-TelemetryFlow-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>}. The timestamp is
 * inside the signed text, so a receiver that rejects old timestamps (say, over 5 minutes) also rejects replays.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-TelemetryFlow-Signature";

    private WebhookSignature() {
    }

    public static String header(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, unixSeconds, body));
    }

    /** What a receiver does: recompute and compare in constant time. */
    public static boolean verify(String header, String secret, byte[] body) {
        long timestamp = -1;
        String signature = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                try {
                    timestamp = Long.parseLong(part.substring(2));
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (part.startsWith("v1=")) {
                signature = part.substring(3);
            }
        }
        if (timestamp < 0 || signature == null || !signature.matches("[0-9a-f]{64}")) {
            return false;
        }
        return MessageDigest.isEqual(HexFormat.of().parseHex(signature), hmac(secret, timestamp, body));
    }

    private static byte[] hmac(String secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
