package io.telemetryflow.notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Alertmanager's aggregation group as a pure state machine (immutable; each step returns the next state).
 * <ul>
 *   <li>A group opens with its first alert and flushes first {@code groupWait} later; after every flush the next one
 *       is {@code groupInterval} later, so changes that arrive in between are batched into one notification.</li>
 *   <li>A flush notifies when an alert fires that the last notification did not report as firing, or (with
 *       sendResolved) when an alert the last notification reported as firing has resolved, or when the group still
 *       fires unchanged and {@code repeatInterval} has passed since the last notification.</li>
 *   <li>When every alert of a group that was notified as firing has resolved, one "resolved" notification goes out
 *       (with sendResolved) and nothing more until an alert fires again.</li>
 *   <li>Alerts are kept by fingerprint: an alert observed again replaces itself (deduplication), so a repeated or
 *       flapping transition between two flushes changes nothing beyond its latest state.</li>
 *   <li>Resolved alerts leave the group at the flush that saw them. An empty group closes at the first flush that has
 *       nothing to send, so an alert that comes back within one groupInterval joins the same group and waits for its
 *       flush instead of a fresh groupWait: at most one notification per groupInterval, however the input flaps.</li>
 *   <li>Muted alerts (silenced, in maintenance, inhibited: decided by the caller at flush time) are left out of the
 *       notification and of what the group counts as notified, so one that is unmuted while firing is notified anew.</li>
 * </ul>
 */
public record AggregationGroup(GroupTiming timing, Map<String, GroupAlert> alerts, Instant nextFlushAt, Instant lastNotifiedAt,
                               Set<String> notifiedFiring) {

    public enum Status {
        FIRING, RESOLVED;

        public String wire() {
            return this == FIRING ? "firing" : "resolved";
        }
    }

    /** A notification to send: its status and alerts (firing first, then resolved). */
    public record Notification(Status status, List<GroupAlert> alerts) {
    }

    /** The outcome of a flush: the next state, what to send, and whether the group is over (to be deleted). */
    public record Flush(AggregationGroup next, Optional<Notification> notification, boolean closed) {
    }

    public AggregationGroup {
        alerts = Map.copyOf(alerts);
        notifiedFiring = Set.copyOf(notifiedFiring);
    }

    public static AggregationGroup open(GroupTiming timing, Instant now) {
        return new AggregationGroup(timing, Map.of(), now.plus(timing.groupWait()), null, Set.of());
    }

    /**
     * The group with this alert's latest state. A resolve of an alert the group does not hold is ignored: the group never
     * knew it fired (it resolved before it got here, or it was already dropped), so there is nothing to resolve.
     */
    public AggregationGroup observe(GroupAlert alert) {
        if (!alert.firing() && !alerts.containsKey(alert.fingerprint())) {
            return this;
        }
        Map<String, GroupAlert> next = new LinkedHashMap<>(alerts);
        next.put(alert.fingerprint(), alert);
        return new AggregationGroup(timing, next, nextFlushAt, lastNotifiedAt, notifiedFiring);
    }

    public boolean due(Instant now) {
        return !now.isBefore(nextFlushAt);
    }

    /** The flush at {@code now}; before {@link #nextFlushAt} it changes nothing and sends nothing. */
    public Flush flush(Instant now, Predicate<GroupAlert> muted) {
        if (!due(now)) {
            return new Flush(this, Optional.empty(), false);
        }
        List<GroupAlert> firing = new ArrayList<>();
        List<GroupAlert> resolvedAfterNotice = new ArrayList<>();
        Map<String, GroupAlert> remaining = new LinkedHashMap<>();
        for (GroupAlert alert : alerts.values()) {
            if (alert.firing()) {
                remaining.put(alert.fingerprint(), alert);
                if (!muted.test(alert)) {
                    firing.add(alert);
                }
            } else if (notifiedFiring.contains(alert.fingerprint()) && !muted.test(alert)) {
                resolvedAfterNotice.add(alert);
            }
        }
        Set<String> firingNow = new LinkedHashSet<>();
        firing.forEach(alert -> firingNow.add(alert.fingerprint()));

        boolean newFiring = !notifiedFiring.containsAll(firingNow);
        boolean newResolved = timing.sendResolved() && !resolvedAfterNotice.isEmpty();
        boolean repeatDue = !firing.isEmpty() && lastNotifiedAt != null && !now.isBefore(lastNotifiedAt.plus(timing.repeatInterval()));

        Optional<Notification> notification = Optional.empty();
        if (!firing.isEmpty() && (newFiring || newResolved || repeatDue)) {
            List<GroupAlert> sent = new ArrayList<>(firing);
            if (timing.sendResolved()) {
                sent.addAll(resolvedAfterNotice);
            }
            notification = Optional.of(new Notification(Status.FIRING, sent));
        } else if (firing.isEmpty() && newResolved) {
            notification = Optional.of(new Notification(Status.RESOLVED, resolvedAfterNotice));
        }

        // What the channels now believe fires: exactly what was sent; without a send, what they were told minus what
        // no longer fires unmuted (so it counts as new when it fires again).
        Set<String> believed;
        if (notification.isPresent()) {
            believed = firingNow;
        } else {
            believed = new LinkedHashSet<>(notifiedFiring);
            believed.retainAll(firingNow);
        }
        Instant notifiedAt = notification.isPresent() ? now : lastNotifiedAt;
        boolean closed = remaining.isEmpty() && notification.isEmpty();
        AggregationGroup next = new AggregationGroup(timing, remaining, now.plus(timing.groupInterval()), notifiedAt, believed);
        return new Flush(next, notification, closed);
    }
}
