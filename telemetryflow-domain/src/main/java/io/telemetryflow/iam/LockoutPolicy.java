package io.telemetryflow.iam;

import java.time.Duration;
import java.time.Instant;

/**
 * When consecutive failures lock: every {@code maxAttempts}-th failure locks for {@code lockDuration},
 * doubled for each lock before it in the same run and capped at {@code maxLockDuration} (equal to
 * {@code lockDuration} for no growth). A run ends with a success (the caller resets the count) or
 * when no failure came for {@code forgetAfter}; failures while locked are refused before they are
 * counted. Used for sign-ins per account and address, per account, and for MFA codes per account.
 */
public record LockoutPolicy(int maxAttempts, Duration lockDuration, Duration maxLockDuration, Duration forgetAfter) {

    public LockoutPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("the number of attempts before a lock must be at least 1, got " + maxAttempts);
        }
        if (lockDuration.isNegative() || lockDuration.isZero() || maxLockDuration.compareTo(lockDuration) < 0) {
            throw new IllegalArgumentException("lock durations must be positive and the longest lock at least the first: "
                    + lockDuration + ", " + maxLockDuration);
        }
        if (forgetAfter.isNegative() || forgetAfter.isZero()) {
            throw new IllegalArgumentException("the time after which failures are forgotten must be positive, got " + forgetAfter);
        }
    }

    /** A policy whose locks all last {@code lockDuration}. */
    public static LockoutPolicy fixed(int maxAttempts, Duration lockDuration, Duration forgetAfter) {
        return new LockoutPolicy(maxAttempts, lockDuration, lockDuration, forgetAfter);
    }

    /** The count after one more failure at {@code now}; it locks when the failure is a multiple of {@code maxAttempts}. */
    public FailureCount afterFailure(FailureCount before, Instant now) {
        FailureCount run = isForgotten(before, now) ? FailureCount.NONE : before;
        int failures = run.failures() + 1;
        Instant lockedUntil = failures % maxAttempts == 0 ? now.plus(lock(failures / maxAttempts)) : run.lockedUntil();
        return new FailureCount(failures, now, lockedUntil);
    }

    /** The count as it stands at {@code now}: a run without a failure for {@code forgetAfter} is over. */
    public FailureCount asOf(FailureCount count, Instant now) {
        return isForgotten(count, now) ? FailureCount.NONE : count;
    }

    /** How long the {@code n}-th lock of a run lasts (n ≥ 1). */
    Duration lock(int n) {
        Duration lock = lockDuration;
        for (int i = 1; i < n && lock.compareTo(maxLockDuration) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(maxLockDuration) < 0 ? lock : maxLockDuration;
    }

    /** How long a stored count must be kept to apply this policy: until it is forgotten, and at least the longest lock. */
    public Duration retention() {
        return forgetAfter.compareTo(maxLockDuration) > 0 ? forgetAfter : maxLockDuration;
    }

    private boolean isForgotten(FailureCount count, Instant now) {
        return count.lastFailureAt() != null && Duration.between(count.lastFailureAt(), now).compareTo(forgetAfter) >= 0
                && !count.isLockedAt(now);
    }
}
