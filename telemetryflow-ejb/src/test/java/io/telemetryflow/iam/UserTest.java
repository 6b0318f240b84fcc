package io.telemetryflow.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final LockoutPolicy ACCOUNT_WIDE = new LockoutPolicy(20, Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofDays(1));
    private final Instant t0 = Instant.parse("2026-11-22T10:00:00Z");

    private User user() {
        return new User(" Someone@Example.COM ", "hash", "Some", "One", UUID.randomUUID(), null, null, UserStatus.ACTIVE, "test", t0);
    }

    @Test
    void emailsAreStoredNormalized() {
        assertThat(user().getEmail()).isEqualTo("someone@example.com");
    }

    @Test
    void failedSignInsLockUnderTheAccountPolicyAndTheLockExpires() {
        User user = user();
        for (int i = 1; i <= 19; i++) {
            assertThat(user.recordFailedLogin(ACCOUNT_WIDE, t0)).isFalse();
        }
        assertThat(user.recordFailedLogin(ACCOUNT_WIDE, t0)).isTrue();
        assertThat(user.loginFailures().isLockedAt(t0.plusSeconds(899))).isTrue();
        assertThat(user.loginFailures().isLockedAt(t0.plusSeconds(900))).isFalse();
        // the next lock of the run lasts twice as long
        Instant later = t0.plusSeconds(900);
        for (int i = 1; i <= 19; i++) {
            assertThat(user.recordFailedLogin(ACCOUNT_WIDE, later)).isFalse();
        }
        assertThat(user.recordFailedLogin(ACCOUNT_WIDE, later)).isTrue();
        assertThat(user.loginFailures().lockedUntil()).isEqualTo(later.plus(Duration.ofMinutes(30)));
    }

    @Test
    void aPasswordTheUserChoosesEndsTheRequiredChange() {
        User user = user();
        assertThat(user.isPasswordChangeRequired()).as("not for a new user by default").isFalse();
        user.requirePasswordChange();
        assertThat(user.isPasswordChangeRequired()).isTrue();
        user.recordSuccessfulLogin(t0.plusSeconds(1));
        assertThat(user.isPasswordChangeRequired()).as("signing in does not end it").isTrue();

        user.changePassword("new-hash", "someone@example.com", t0.plusSeconds(2));
        assertThat(user.isPasswordChangeRequired()).isFalse();
        assertThat(user.getPasswordHash()).isEqualTo("new-hash");
    }

    @Test
    void aSuccessfulSignInClearsTheCount() {
        User user = user();
        user.recordFailedLogin(ACCOUNT_WIDE, t0);
        user.recordSuccessfulLogin(t0.plusSeconds(1));
        assertThat(user.loginFailures()).isEqualTo(FailureCount.NONE);
        assertThat(user.getLastLoginAt()).contains(t0.plusSeconds(1));
    }

    @Test
    void wrongMfaCodesLockUntilTheLockRunsOutAndTurningMfaOffClearsThem() {
        User user = user();
        LockoutPolicy mfa = LockoutPolicy.fixed(5, Duration.ofMinutes(15), Duration.ofDays(365));
        for (int i = 1; i <= 4; i++) {
            assertThat(user.recordFailedMfa(mfa, t0)).isFalse();
        }
        assertThat(user.recordFailedMfa(mfa, t0)).isTrue();
        assertThat(user.mfaFailures().lockedUntil()).isEqualTo(t0.plus(Duration.ofMinutes(15)));
        assertThat(user.loginFailures()).as("sign-in failures are counted apart").isEqualTo(FailureCount.NONE);
        user.disableMfa("test", t0);
        assertThat(user.mfaFailures()).isEqualTo(FailureCount.NONE);
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
