package io.telemetryflow.testsupport;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.google.common.io.BaseEncoding;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;

/** What an authenticator app shows: RFC 6238 codes (30 s, 6 digits, HMAC-SHA1) of a Base32 secret. */
public final class Totp {

    private Totp() {
    }

    public static String at(String base32Secret, Instant time) throws Exception {
        TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6,
                TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
        return generator.generateOneTimePasswordString(new SecretKeySpec(BaseEncoding.base32().decode(base32Secret), "HmacSHA1"), time);
    }
}
