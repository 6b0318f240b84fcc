package io.telemetryflow.platform.security;

import io.telemetryflow.platform.error.Rejected;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The node's cap on concurrent Argon2id verifications of presented credentials (sign-in passwords, API-key secrets).
 * Each one takes tens of milliseconds of a core and 19 MiB by design; without a cap, a flood of wrong credentials
 * occupies every core and request thread. A check waits up to {@code maxWait} for a permit, then is refused with a
 * retryable 503 {@link Rejected}: the caller's credentials were not judged, so nothing is counted against them.
 */
public class Argon2Gate {

    /** Verification reads its parameters from the stored encoding, so any hasher verifies any hash. */
    private static final Argon2idHasher VERIFIER = Argon2idHasher.owaspDefaults();

    private final Semaphore permits;
    private final Duration maxWait;

    public Argon2Gate(int maxConcurrent, Duration maxWait) {
        if (maxConcurrent < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException("Argon2id gate needs at least one permit and a wait of zero or more");
        }
        this.permits = new Semaphore(maxConcurrent, true);
        this.maxWait = maxWait;
    }

    /** {@link Argon2idHasher#verify}, once a permit is free. */
    public boolean verify(String secret, String encoded) {
        return withPermit(() -> VERIFIER.verify(secret, encoded));
    }

    boolean withPermit(BooleanSupplier check) {
        if (!acquire()) {
            throw Rejected.unavailable("too many credential checks under way; retry shortly", retryAfterSeconds());
        }
        try {
            return check.getAsBoolean();
        } finally {
            permits.release();
        }
    }

    private boolean acquire() {
        try {
            return permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private int retryAfterSeconds() {
        return (int) Math.max(1, maxWait.toSeconds());
    }
}
