package io.telemetryflow.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.iam.User;
import io.telemetryflow.iam.UserStatus;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B's SHA-1 key. */
    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:15Z");
    private static final long STEP = TotpWindow.stepAt(NOW);

    private final byte[] secret = Totp.newSecret(new SecureRandom());
    private User user;

    @BeforeEach
    void user() {
        user = new User("mfa@example.com", "hash", "M", "F", UUID.randomUUID(), null, null, UserStatus.ACTIVE, "test", NOW);
        user.startMfaEnrolment("v1:sealed", NOW);
    }

    @Test
    void matchesTheRfc6238TestVectorsTruncatedToSixDigits() {
        // RFC 6238 B: T=59 -> 94287082, T=1111111109 -> 07081804, T=1234567890 -> 89005924, T=20000000000 -> 65353130
        assertThat(Totp.codeAt(RFC_KEY, TotpWindow.stepAt(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(Totp.codeAt(RFC_KEY, TotpWindow.stepAt(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
        assertThat(Totp.codeAt(RFC_KEY, TotpWindow.stepAt(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
        assertThat(Totp.codeAt(RFC_KEY, TotpWindow.stepAt(Instant.ofEpochSecond(20000000000L)))).isEqualTo("353130");
    }

    @Test
    void secretsAre160BitsInBase32() {
        assertThat(secret).hasSize(20);
        assertThat(Totp.base32(secret)).hasSize(32).matches("[A-Z2-7]{32}");
        assertThat(Totp.base32(RFC_KEY)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    @Test
    void acceptsTheCurrentCodeOnce() {
        String code = Totp.codeAt(secret, STEP);
        assertThat(Totp.accept(user, secret, code, NOW)).isTrue();
        assertThat(Totp.accept(user, secret, code, NOW)).as("replay").isFalse();
        assertThat(Totp.accept(user, secret, code, NOW.plusSeconds(20))).as("replay later in the window").isFalse();
    }

    @Test
    void toleratesOneStepOfClockDriftEitherWay() {
        assertThat(Totp.accept(user, secret, Totp.codeAt(secret, STEP - 1), NOW)).isTrue();
        assertThat(Totp.accept(user, secret, Totp.codeAt(secret, STEP + 1), NOW)).isTrue();
    }

    @Test
    void refusesCodesTwoStepsAway() {
        assertThat(Totp.accept(user, secret, Totp.codeAt(secret, STEP - 2), NOW)).isFalse();
        assertThat(Totp.accept(user, secret, Totp.codeAt(secret, STEP + 2), NOW)).isFalse();
    }

    @Test
    void anOlderCodeCannotFollowANewerOne() {
        assertThat(Totp.accept(user, secret, Totp.codeAt(secret, STEP + 1), NOW)).isTrue();
        assertThat(Totp.accept(user, secret, Totp.codeAt(secret, STEP), NOW)).isFalse();
        assertThat(Totp.accept(user, secret, Totp.codeAt(secret, STEP - 1), NOW)).isFalse();
        // the next step's code works once its time has come
        assertThat(Totp.accept(user, secret, Totp.codeAt(secret, STEP + 2), NOW.plusSeconds(30))).isTrue();
    }

    @Test
    void refusesAnotherSecretsCodeAndGarbage() {
        byte[] other = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);
        assertThat(Totp.accept(user, RFC_KEY, Totp.codeAt(other, STEP), NOW)).isFalse();
        assertThat(Totp.accept(user, RFC_KEY, "abcdef", NOW)).isFalse();
        assertThat(Totp.accept(user, RFC_KEY, "", NOW)).isFalse();
        assertThat(Totp.accept(user, RFC_KEY, Totp.codeAt(RFC_KEY, STEP), NOW)).as("control").isTrue();
    }
}
