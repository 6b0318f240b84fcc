package io.telemetryflow.platform.clickhouse;

import java.time.Duration;

/**
 * How long a batch waits before its next try while the telemetry store is unavailable: doubling
 * from the queue's first delay, capped, and never giving up. Store outages are not the batch's
 * fault, so they must not use up the broker's delivery attempts and push good data into the
 * dead-letter queue; the batch stays in the broker (paged to disk) until the store is back.
 */
public final class RetrySchedule {

    private final Duration first;
    private final Duration max;

    public RetrySchedule(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    /** The wait after the given number of failed tries (1 = the first failure). */
    public Duration delayAfter(int failedTries) {
        if (failedTries < 1) {
            return Duration.ZERO;
        }
        long millis = first.toMillis();
        for (int i = 1; i < failedTries && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
