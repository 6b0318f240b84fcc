package io.telemetryflow.auth.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code otpauth://} URI authenticator apps read from a QR code (Google Authenticator's key URI
 * format): SHA-1, six digits and 30-second steps, the settings every app supports.
 */
public final class OtpAuthUri {

    public static final String ISSUER = "TelemetryFlow";

    private OtpAuthUri() {
    }

    public static String of(String accountEmail, String base32Secret) {
        return "otpauth://totp/" + encode(ISSUER) + ":" + encode(accountEmail)
                + "?secret=" + base32Secret + "&issuer=" + encode(ISSUER)
                + "&algorithm=SHA1&digits=" + TotpWindow.DIGITS + "&period=" + TotpWindow.STEP.getSeconds();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
