package io.telemetryflow.auth.mfa;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.google.common.io.BaseEncoding;
import io.telemetryflow.iam.User;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 codes as authenticator apps compute them (HMAC-SHA1, six digits, 30-second steps) over a
 * 160-bit secret, shown to the user in Base32.
 */
final class Totp {

    static final int SECRET_BYTES = 20;
    private static final String ALGORITHM = TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1;

    private Totp() {
    }

    static byte[] newSecret(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    static String base32(byte[] secret) {
        return BaseEncoding.base32().omitPadding().encode(secret);
    }

    static String codeAt(byte[] secret, long step) {
        try {
            // a generator per call: it is cheap, and its Mac is not meant for concurrent use
            return new TimeBasedOneTimePasswordGenerator(TotpWindow.STEP, TotpWindow.DIGITS, ALGORITHM)
                    .generateOneTimePasswordString(new SecretKeySpec(secret, ALGORITHM), TotpWindow.startOf(step));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC-SHA1 key of " + secret.length + " bytes was refused", e);
        }
    }

    /**
     * Whether {@code code} is valid for {@code user} at {@code now}: it matches a step within the
     * tolerance that is newer than the last one accepted, which then becomes the last one accepted.
     */
    static boolean accept(User user, byte[] secret, String code, Instant now) {
        OptionalLong step = TotpWindow.matchingStep(code, now, s -> codeAt(secret, s));
        return step.isPresent() && user.acceptTotpStep(step.getAsLong());
    }
}
