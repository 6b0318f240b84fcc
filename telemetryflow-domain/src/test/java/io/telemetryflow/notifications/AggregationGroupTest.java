package io.telemetryflow.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.notifications.AggregationGroup.Flush;
import io.telemetryflow.notifications.AggregationGroup.Notification;
import io.telemetryflow.notifications.AggregationGroup.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Timing sequences against a fake clock: the test drives "now" and a flusher that calls {@link AggregationGroup#flush}
 * whenever the group is due, as the timer does every few seconds.
 */
class AggregationGroupTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Predicate<GroupAlert> NOTHING_MUTED = alert -> false;

    /** The group under test with a clock and the notifications it sent, by time. */
    private static final class Harness {
        final List<Instant> sentAt = new ArrayList<>();
        final List<Notification> sent = new ArrayList<>();
        AggregationGroup group;
        Instant now = T0;
        boolean closed;
        Predicate<GroupAlert> muted = NOTHING_MUTED;

        Harness(GroupTiming timing) {
            group = AggregationGroup.open(timing, T0);
        }

        /** As the service does: an alert for a closed group opens a new one. */
        Harness fire(String fingerprint) {
            if (closed) {
                group = AggregationGroup.open(group.timing(), now);
                closed = false;
            }
            group = group.observe(new GroupAlert(fingerprint, Map.of("host", fingerprint), true, "firing", 0.95, now, null));
            return this;
        }

        Harness resolve(String fingerprint) {
            group = group.observe(new GroupAlert(fingerprint, Map.of("host", fingerprint), false, "normal", 0.5, null, now));
            return this;
        }

        /** Advances the clock in 1-second ticks, flushing whenever due (the timer). */
        Harness advance(Duration duration) {
            Instant until = now.plus(duration);
            while (now.isBefore(until)) {
                now = now.plusSeconds(1);
                if (!closed && group.due(now)) {
                    Flush flush = group.flush(now, muted);
                    group = flush.next();
                    closed = flush.closed();
                    flush.notification().ifPresent(notification -> {
                        sent.add(notification);
                        sentAt.add(now);
                    });
                }
            }
            return this;
        }

        List<String> fingerprints(int index) {
            return sent.get(index).alerts().stream().map(GroupAlert::fingerprint).toList();
        }
    }

    private static final GroupTiming DEFAULTS = GroupTiming.DEFAULTS;

    @Test
    void firstNotificationAfterGroupWaitBatchingEverythingThatArrivedMeanwhile() {
        Harness h = new Harness(DEFAULTS).fire("a");
        h.advance(Duration.ofSeconds(10)).fire("b");
        h.advance(Duration.ofSeconds(19));
        assertThat(h.sent).isEmpty();
        h.advance(Duration.ofSeconds(1));
        assertThat(h.sentAt).containsExactly(T0.plusSeconds(30));
        assertThat(h.sent.get(0).status()).isEqualTo(Status.FIRING);
        assertThat(h.fingerprints(0)).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void laterChangesWaitForTheGroupIntervalAndAreBatched() {
        Harness h = new Harness(DEFAULTS).fire("a").advance(Duration.ofSeconds(30));
        h.advance(Duration.ofMinutes(1)).fire("b");
        h.advance(Duration.ofMinutes(1)).fire("c");
        h.advance(Duration.ofMinutes(2)).fire("d");   // 4:00 after the first flush: still within the interval
        h.advance(Duration.ofSeconds(59));
        assertThat(h.sent).hasSize(1);
        h.advance(Duration.ofSeconds(1));
        assertThat(h.sentAt).containsExactly(T0.plusSeconds(30), T0.plusSeconds(330));
        assertThat(h.fingerprints(1)).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    @Test
    void anUnchangedFiringGroupIsResentAfterTheRepeatInterval() {
        Harness h = new Harness(DEFAULTS).fire("a").advance(Duration.ofHours(5));
        // Sent at 0:30, then at the first interval tick at or after 4 h later: 0:30 + 48 × 5 min = 4:00:30.
        assertThat(h.sentAt).containsExactly(T0.plusSeconds(30), T0.plusSeconds(30).plus(Duration.ofMinutes(240)));
        assertThat(h.fingerprints(1)).containsExactly("a");
    }

    @Test
    void aResolveNotificationGoesOutOnceWhenEveryAlertHasResolved() {
        Harness h = new Harness(DEFAULTS).fire("a").fire("b").advance(Duration.ofSeconds(30));
        h.advance(Duration.ofMinutes(1)).resolve("a");
        h.advance(Duration.ofMinutes(4));
        assertThat(h.sent).hasSize(2);
        assertThat(h.sent.get(1).status()).as("b still fires").isEqualTo(Status.FIRING);
        assertThat(h.sent.get(1).alerts()).extracting(GroupAlert::fingerprint, GroupAlert::firing)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b", true), org.assertj.core.groups.Tuple.tuple("a", false));

        h.resolve("b").resolve("b");   // a repeated transition is the same alert
        h.advance(Duration.ofHours(6));
        assertThat(h.sent).hasSize(3);
        assertThat(h.sent.get(2).status()).isEqualTo(Status.RESOLVED);
        assertThat(h.fingerprints(2)).containsExactly("b");
        assertThat(h.closed).as("the group closes at the next flush with nothing to send").isTrue();
    }

    @Test
    void withoutSendResolvedNothingIsSentOnResolveAndARefireIsNew() {
        GroupTiming quiet = new GroupTiming(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4), false);
        Harness h = new Harness(quiet).fire("a").advance(Duration.ofSeconds(30));
        h.resolve("a").advance(Duration.ofMinutes(5));
        assertThat(h.sent).hasSize(1);
        assertThat(h.closed).as("the empty group closed at the flush after the resolve").isTrue();
        h.fire("a").advance(Duration.ofSeconds(30));
        assertThat(h.sent).as("a new group after the close: a new firing").hasSize(2);

        Harness again = new Harness(quiet).fire("a").advance(Duration.ofSeconds(30));
        again.advance(Duration.ofMinutes(1)).resolve("a").advance(Duration.ofMinutes(3)).fire("a").advance(Duration.ofMinutes(1));
        assertThat(again.sent).as("resolved and back within one interval: no change to report").hasSize(1);
    }

    @Test
    void anAlertThatResolvesBeforeTheFirstFlushIsNeverNotified() {
        Harness h = new Harness(DEFAULTS).fire("a");
        h.advance(Duration.ofSeconds(10)).resolve("a");
        h.advance(Duration.ofMinutes(10));
        assertThat(h.sent).isEmpty();
        assertThat(h.closed).isTrue();
    }

    @Test
    void aResolveOfAnAlertTheGroupNeverHeldChangesNothing() {
        AggregationGroup group = AggregationGroup.open(DEFAULTS, T0);
        assertThat(group.observe(new GroupAlert("x", Map.of(), false, "normal", null, null, T0))).isEqualTo(group);
    }

    @Test
    void flappingProducesAtMostOneNotificationPerGroupInterval() {
        Harness h = new Harness(DEFAULTS);
        // The alert flips at irregular moments, 5 to 60 s apart, for two hours (~240 transitions).
        java.util.Random random = new java.util.Random(42);
        int transitions = 0;
        while (h.now.isBefore(T0.plus(Duration.ofHours(2)))) {
            if (transitions++ % 2 == 0) {
                h.fire("a");
            } else {
                h.resolve("a");
            }
            h.advance(Duration.ofSeconds(5 + random.nextInt(56)));
        }
        long intervals = Duration.ofHours(2).dividedBy(Duration.ofMinutes(5));
        assertThat(transitions).isGreaterThan(200);
        assertThat(h.sent.size()).isPositive().isLessThanOrEqualTo((int) intervals + 1);
        for (int i = 1; i < h.sentAt.size(); i++) {
            assertThat(Duration.between(h.sentAt.get(i - 1), h.sentAt.get(i))).isGreaterThanOrEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void aMutedAlertIsLeftOutAndNotifiedAnewWhenUnmutedWhileStillFiring() {
        Harness h = new Harness(DEFAULTS).fire("a").fire("b");
        h.muted = alert -> alert.fingerprint().equals("b");
        h.advance(Duration.ofSeconds(30));
        assertThat(h.fingerprints(0)).containsExactly("a");

        h.muted = alert -> true;   // a silence over everything
        h.advance(Duration.ofMinutes(30));
        assertThat(h.sent).hasSize(1);

        h.muted = NOTHING_MUTED;   // the silence expired
        h.advance(Duration.ofMinutes(5));
        assertThat(h.sent).hasSize(2);
        assertThat(h.fingerprints(1)).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aSilencedGroupSendsNothingAtAll() {
        Harness h = new Harness(DEFAULTS).fire("a");
        h.muted = alert -> true;
        h.advance(Duration.ofHours(5)).resolve("a").advance(Duration.ofMinutes(10));
        assertThat(h.sent).isEmpty();
        assertThat(h.closed).isTrue();
    }

    @Test
    void flushingBeforeItIsDueChangesNothing() {
        AggregationGroup group = AggregationGroup.open(DEFAULTS, T0)
                .observe(new GroupAlert("a", Map.of(), true, "firing", 1.0, T0, null));
        Flush early = group.flush(T0.plusSeconds(29), NOTHING_MUTED);
        assertThat(early.next()).isEqualTo(group);
        assertThat(early.notification()).isEqualTo(Optional.empty());
        assertThat(early.closed()).isFalse();
    }
}
