package io.telemetryflow.iam;

import java.time.Duration;
import java.time.Instant;

/**
 * Consecutive failures of one kind (sign-in of an account, sign-in of an account from one address,
 * MFA codes of an account): how many, when the last one was and until when they lock. The times
 * are null when there was no failure or no lock.
 */
public record FailureCount(int failures, Instant lastFailureAt, Instant lockedUntil) {

    public static final FailureCount NONE = new FailureCount(0, null, null);

    public FailureCount {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative");
        }
    }

    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** Whole seconds until the lock ends, rounded up (for {@code Retry-After}); 0 when not locked. */
    public long secondsLockedAt(Instant now) {
        if (!isLockedAt(now)) {
            return 0;
        }
        Duration left = Duration.between(now, lockedUntil);
        return left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0);
    }
}
