package io.telemetryflow.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * At most {@code perHour} notifications per rule in any sliding hour (reference: 10). A notification counts once
 * however many channels it goes to. A firing notification over the cap is dropped (recorded as dropped, not sent);
 * a resolve is always sent, so no channel is left showing an alert that has ended, and counts like any other.
 */
public record NotificationCap(int perHour) {

    public static final int DEFAULT_PER_HOUR = 10;
    public static final Duration WINDOW = Duration.ofHours(1);

    public NotificationCap {
        if (perHour < 1) {
            throw new IllegalArgumentException("perHour must be at least 1");
        }
    }

    /** Whether a notification may go out now, given when the rule's earlier notifications went out. */
    public boolean allows(Collection<Instant> sentBefore, AggregationGroup.Status status, Instant now) {
        if (status == AggregationGroup.Status.RESOLVED) {
            return true;
        }
        Instant windowStart = now.minus(WINDOW);
        long recent = sentBefore.stream().filter(at -> at.isAfter(windowStart) && !at.isAfter(now)).count();
        return recent < perHour;
    }
}
