package io.telemetryflow.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.iam.User;
import io.telemetryflow.iam.UserStatus;
import io.telemetryflow.platform.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Wrong MFA codes lock an account's MFA verification; {@link MfaVerifier#attempt} without a database. */
class MfaLockoutTest {

    private final Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
    private final MfaVerifier verifier = verifier();
    private final User user = new User("mfa@example.com", "hash", "M", "Fa", UUID.randomUUID(), null, null, UserStatus.ACTIVE, "test", t0);

    @Test
    void theFifthWrongCodeLocksAndWhileLockedNoCodeIsChecked() {
        for (int i = 1; i <= 4; i++) {
            assertThat(verifier.attempt(user, t0, u -> false)).isEqualTo(MfaVerifier.Outcome.WRONG);
        }
        assertThat(verifier.attempt(user, t0, u -> false)).isEqualTo(MfaVerifier.Outcome.WRONG_NOW_LOCKED);
        AtomicInteger checked = new AtomicInteger();
        assertThat(verifier.attempt(user, t0.plusSeconds(899), u -> checked.incrementAndGet() > 0)).isEqualTo(MfaVerifier.Outcome.LOCKED);
        assertThat(checked).as("a right code is not even checked while locked").hasValue(0);
        assertThat(user.mfaFailures().secondsLockedAt(t0)).isEqualTo(900);
    }

    @Test
    void aRightCodeEndsTheRunAndTheLockRunsOut() {
        for (int i = 1; i <= 4; i++) {
            verifier.attempt(user, t0, u -> false);
        }
        assertThat(verifier.attempt(user, t0, u -> true)).isEqualTo(MfaVerifier.Outcome.ACCEPTED);
        assertThat(verifier.attempt(user, t0, u -> false)).as("counting starts again").isEqualTo(MfaVerifier.Outcome.WRONG);
        for (int i = 1; i <= 4; i++) {
            verifier.attempt(user, t0, u -> false);
        }
        Instant afterLock = t0.plus(Duration.ofMinutes(15));
        assertThat(verifier.attempt(user, afterLock, u -> true)).isEqualTo(MfaVerifier.Outcome.ACCEPTED);
        assertThat(user.mfaFailures().failures()).isZero();
    }

    @Test
    void failuresAreNotForgottenWithTime() {
        for (int i = 1; i <= 4; i++) {
            verifier.attempt(user, t0, u -> false);
        }
        assertThat(verifier.attempt(user, t0.plus(Duration.ofDays(400)), u -> false)).isEqualTo(MfaVerifier.Outcome.WRONG_NOW_LOCKED);
    }

    private MfaVerifier verifier() {
        MfaVerifier verifier = new MfaVerifier();
        verifier.rateLimiter = new RateLimiter(Optional::empty, Clock.fixed(t0, ZoneOffset.UTC));
        verifier.attemptsPerMinute = 1000;
        verifier.lockoutMaxAttempts = 5;
        verifier.lockoutDuration = Duration.ofMinutes(15);
        return verifier;
    }
}
