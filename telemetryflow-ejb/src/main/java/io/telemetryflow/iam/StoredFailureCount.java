package io.telemetryflow.iam;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A run of failures ({@link FailureCount}) kept in three columns of a user's row: sign-ins, MFA codes. */
@Embeddable
public class StoredFailureCount {

    @Column(nullable = false)
    private int failures;

    private OffsetDateTime lastFailureAt;

    private OffsetDateTime lockedUntil;

    FailureCount count() {
        return new FailureCount(failures, lastFailureAt == null ? null : lastFailureAt.toInstant(),
                lockedUntil == null ? null : lockedUntil.toInstant());
    }

    /** Counts one failure under {@code policy}; returns whether the run is now locked. */
    boolean recordFailure(LockoutPolicy policy, Instant now) {
        FailureCount next = policy.afterFailure(count(), now);
        failures = next.failures();
        lastFailureAt = next.lastFailureAt().atOffset(ZoneOffset.UTC);
        lockedUntil = next.lockedUntil() == null ? null : next.lockedUntil().atOffset(ZoneOffset.UTC);
        return next.isLockedAt(now);
    }

    void clear() {
        failures = 0;
        lastFailureAt = null;
        lockedUntil = null;
    }
}
