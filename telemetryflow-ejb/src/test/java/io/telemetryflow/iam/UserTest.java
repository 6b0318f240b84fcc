package io.telemetryflow.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserTest {

    private final Instant t0 = Instant.parse("2026-11-22T10:00:00Z");

    private User user() {
        return new User(" Someone@Example.COM ", "hash", "Some", "One", UUID.randomUUID(), null, null, UserStatus.ACTIVE, "test", t0);
    }

    @Test
    void emailsAreStoredNormalized() {
        assertThat(user().getEmail()).isEqualTo("someone@example.com");
    }

    @Test
    void theFifthConsecutiveFailureLocksForTheConfiguredTimeAndTheLockExpires() {
        User user = user();
        for (int i = 1; i <= 4; i++) {
            assertThat(user.recordFailedLogin(5, Duration.ofMinutes(15), t0)).isFalse();
        }
        assertThat(user.recordFailedLogin(5, Duration.ofMinutes(15), t0)).isTrue();
        assertThat(user.isLockedAt(t0.plusSeconds(899))).isTrue();
        assertThat(user.isLockedAt(t0.plusSeconds(900))).isFalse();
        // after the lock ran out, counting starts again from zero
        assertThat(user.recordFailedLogin(5, Duration.ofMinutes(15), t0.plusSeconds(901))).isFalse();
        assertThat(user.getFailedLoginAttempts()).isEqualTo(1);
    }

    @Test
    void aSuccessfulSignInClearsTheCount() {
        User user = user();
        user.recordFailedLogin(5, Duration.ofMinutes(15), t0);
        user.recordSuccessfulLogin(t0.plusSeconds(1));
        assertThat(user.getFailedLoginAttempts()).isZero();
        assertThat(user.getLastLoginAt()).contains(t0.plusSeconds(1));
    }

    @Test
    void aTotpStepIsAcceptedOnceAndNeverAnOlderOne() {
        User user = user();
        assertThat(user.acceptTotpStep(100)).isTrue();
        assertThat(user.acceptTotpStep(100)).isFalse();
        assertThat(user.acceptTotpStep(99)).isFalse();
        assertThat(user.acceptTotpStep(101)).isTrue();
    }
}
