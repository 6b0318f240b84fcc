package io.telemetryflow.platform.ratelimit;

import io.telemetryflow.platform.error.Rejected;

/**
 * An allowance of failed attempts per subject (a client address, a user) and minute, across the cluster, for checks that cost
 * real work even when they fail (a database lookup, an Argon2id verification). It is checked before that work
 * ({@link #requireLeft}) and spent only by failures ({@link #spend}), so a client whose credentials are right never
 * runs out of it, and one trying random credentials is refused before they cost anything.
 */
public class FailureBudget {

    private final RateLimiter limiter;
    private final String purpose;
    private final String failures;
    private final long perMinute;

    /**
     * @param purpose  names the budget's counters, e.g. {@code apikey-failures}
     * @param failures what is counted, for the refusal's message, e.g. "failed API-key authentications from this address"
     */
    public FailureBudget(RateLimiter limiter, String purpose, String failures, long perMinute) {
        this.limiter = limiter;
        this.purpose = purpose;
        this.failures = failures;
        this.perMinute = perMinute;
    }

    /** Throws a 429 {@link Rejected} with the seconds until the window ends when the subject has no failure left. */
    public void requireLeft(String subject) {
        RateLimiter.Decision left = limiter.peek(counter(subject), perMinute);
        if (!left.allowed()) {
            throw Rejected.tooManyRequests("too many " + failures + "; retry later", left.retryAfterSeconds());
        }
    }

    /** Counts one failure of the subject. */
    public void spend(String subject) {
        limiter.tryAcquire(counter(subject), perMinute);
    }

    private String counter(String subject) {
        return purpose + ':' + subject;
    }
}
