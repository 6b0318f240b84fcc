package io.telemetryflow.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockoutPolicyTest {

    private static final Duration FIFTEEN_MINUTES = Duration.ofMinutes(15);
    private final Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
    private final LockoutPolicy perAddress = LockoutPolicy.fixed(5, FIFTEEN_MINUTES, Duration.ofDays(1));
    private final LockoutPolicy accountWide = new LockoutPolicy(20, FIFTEEN_MINUTES, Duration.ofHours(1), Duration.ofDays(1));

    @Test
    void theFifthFailureLocksForTheLockDurationAndTheLockExpires() {
        FailureCount count = fail(perAddress, FailureCount.NONE, 4, t0);
        assertThat(count.isLockedAt(t0)).isFalse();
        count = perAddress.afterFailure(count, t0);
        assertThat(count.failures()).isEqualTo(5);
        assertThat(count.lockedUntil()).isEqualTo(t0.plus(FIFTEEN_MINUTES));
        assertThat(count.isLockedAt(t0.plusSeconds(899))).isTrue();
        assertThat(count.isLockedAt(t0.plusSeconds(900))).isFalse();
        assertThat(count.secondsLockedAt(t0.plusMillis(1))).isEqualTo(900);
        assertThat(count.secondsLockedAt(t0.plusSeconds(900))).isZero();
    }

    @Test
    void afterALockExpiresTheNextLockNeedsAnotherFullRound() {
        FailureCount locked = fail(perAddress, FailureCount.NONE, 5, t0);
        Instant later = t0.plus(FIFTEEN_MINUTES);
        FailureCount count = fail(perAddress, locked, 4, later);
        assertThat(count.isLockedAt(later)).isFalse();
        count = perAddress.afterFailure(count, later);
        assertThat(count.lockedUntil()).as("no growth in a fixed policy").isEqualTo(later.plus(FIFTEEN_MINUTES));
    }

    @Test
    void accountWideLocksDoubleUpToTheLongestLock() {
        Instant now = t0;
        FailureCount count = fail(accountWide, FailureCount.NONE, 19, now);
        assertThat(count.isLockedAt(now)).isFalse();
        Duration[] expected = {Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(1)};
        for (Duration lock : expected) {
            count = accountWide.afterFailure(count, now);
            assertThat(Duration.between(now, count.lockedUntil())).isEqualTo(lock);
            now = count.lockedUntil();
            count = fail(accountWide, count, 19, now);
            assertThat(count.isLockedAt(now)).isFalse();
        }
    }

    @Test
    void theLockLengthNeverOverflows() {
        assertThat(accountWide.lock(1_000_000)).isEqualTo(Duration.ofHours(1));
        assertThat(accountWide.lock(1)).isEqualTo(FIFTEEN_MINUTES);
    }

    @Test
    void aRunWithoutFailuresForTheForgetTimeStartsAgain() {
        FailureCount count = fail(accountWide, FailureCount.NONE, 39, t0);
        Instant dayLater = t0.plus(Duration.ofDays(1));
        assertThat(accountWide.asOf(count, dayLater.minusSeconds(1))).isEqualTo(count);
        assertThat(accountWide.asOf(count, dayLater)).isEqualTo(FailureCount.NONE);
        FailureCount fresh = accountWide.afterFailure(count, dayLater);
        assertThat(fresh.failures()).isEqualTo(1);
        assertThat(fresh.isLockedAt(dayLater)).isFalse();
    }

    @Test
    void aLockOutlastingTheForgetTimeIsKept() {
        LockoutPolicy shortMemory = new LockoutPolicy(1, Duration.ofHours(2), Duration.ofHours(2), Duration.ofHours(1));
        FailureCount locked = shortMemory.afterFailure(FailureCount.NONE, t0);
        assertThat(shortMemory.asOf(locked, t0.plus(Duration.ofMinutes(90))).isLockedAt(t0.plus(Duration.ofMinutes(90)))).isTrue();
        assertThat(shortMemory.retention()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void failuresCanBeKeptForever() {
        LockoutPolicy untilSuccess = LockoutPolicy.fixed(5, FIFTEEN_MINUTES, java.time.temporal.ChronoUnit.FOREVER.getDuration());
        FailureCount count = fail(untilSuccess, FailureCount.NONE, 4, t0);
        Instant yearsLater = t0.plus(Duration.ofDays(3650));
        assertThat(untilSuccess.asOf(count, yearsLater)).isEqualTo(count);
        assertThat(untilSuccess.afterFailure(count, yearsLater).isLockedAt(yearsLater)).isTrue();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> LockoutPolicy.fixed(0, FIFTEEN_MINUTES, FIFTEEN_MINUTES)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LockoutPolicy(5, Duration.ofHours(1), FIFTEEN_MINUTES, FIFTEEN_MINUTES))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LockoutPolicy.fixed(5, Duration.ZERO, FIFTEEN_MINUTES)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LockoutPolicy.fixed(5, FIFTEEN_MINUTES, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static FailureCount fail(LockoutPolicy policy, FailureCount count, int times, Instant at) {
        FailureCount result = count;
        for (int i = 0; i < times; i++) {
            result = policy.afterFailure(result, at);
        }
        return result;
    }
}
