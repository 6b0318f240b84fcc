package io.telemetryflow.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LogMinutesTest {

    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** Counts stored per minute, as ClickHouse would answer them for any range: value → minute → count. */
    private final Map<String, TreeMap<Long, Long>> stored = new TreeMap<>();
    private final LogMinutes minutes = new LogMinutes();
    private int minutesRead;

    private void store(String value, int minute, long count) {
        stored.computeIfAbsent(value, key -> new TreeMap<>()).merge(T0.plus(MINUTE.multipliedBy(minute)).toEpochMilli(), count, Long::sum);
    }

    /** One evaluation of a 5-minute window ending at minute {@code end}, at {@code now}; the window's counts. */
    private Map<String, Map<Long, Long>> evaluate(int end, Instant now) {
        EvaluationWindow window = new EvaluationWindow(T0.plus(MINUTE.multipliedBy(end - 5)), T0.plus(MINUTE.multipliedBy(end)), MINUTE);
        LogMinutes.Read read = minutes.toRead(window);
        Map<String, Map<Long, Long>> answer = new TreeMap<>();
        stored.forEach((value, counts) -> {
            Map<Long, Long> in = counts.subMap(read.from().toEpochMilli(), read.to().toEpochMilli());
            if (!in.isEmpty()) {
                answer.put(value, new TreeMap<>(in));
            }
        });
        minutesRead += (int) Duration.between(read.from(), read.to()).toMinutes();
        minutes.took(window, read, answer, now);
        return minutes.window(window);
    }

    /** What one read of the whole window gives. */
    private Map<String, Map<Long, Long>> whole(int end) {
        Map<String, Map<Long, Long>> answer = new TreeMap<>();
        stored.forEach((value, counts) -> {
            Map<Long, Long> in = counts.subMap(T0.plus(MINUTE.multipliedBy(end - 5)).toEpochMilli(), T0.plus(MINUTE.multipliedBy(end)).toEpochMilli());
            if (!in.isEmpty()) {
                answer.put(value, new TreeMap<>(in));
            }
        });
        return answer;
    }

    private static Instant at(int minute, int second) {
        return T0.plus(MINUTE.multipliedBy(minute)).plusSeconds(second);
    }

    @Test
    void eachEvaluationReadsTheUnsettledAndNewMinutesAndGivesWhatAWholeReadWould() {
        for (int m = 0; m < 5; m++) {
            store("checkout", m, 10 + m);
        }
        assertThat(evaluate(5, at(5, 7))).isEqualTo(whole(5));
        assertThat(minutesRead).as("the first evaluation reads its window").isEqualTo(5);
        for (int end = 6; end <= 20; end++) {
            store("checkout", end - 1, end);
            store(end % 3 == 0 ? "cart" : "payments", end - 1, 1);
            assertThat(evaluate(end, at(end, 7))).as("window ending at minute " + end).isEqualTo(whole(end));
        }
        assertThat(minutesRead).as("then two minutes each: the one unsettled last time, and the new one").isEqualTo(5 + 15 * 2);
    }

    @Test
    void recordsStoredLateWithinTheSettleTimeAreCounted() {
        store("checkout", 4, 3);
        evaluate(5, at(5, 2));
        store("checkout", 4, 4);   // stored after the evaluation at 12:05:02 saw minute 4
        store("checkout", 5, 1);
        assertThat(evaluate(6, at(6, 2)).get("checkout")).containsEntry(at(4, 0).toEpochMilli(), 7L).containsEntry(at(5, 0).toEpochMilli(), 1L);
    }

    @Test
    void aValueWhoseRecordsLeaveTheWindowIsNoLongerInIt() {
        store("cart", 0, 5);
        store("checkout", 3, 1);
        assertThat(evaluate(5, at(5, 1))).containsOnlyKeys("cart", "checkout");
        store("checkout", 5, 1);
        assertThat(evaluate(6, at(6, 1))).containsOnlyKeys("checkout");
    }

    @Test
    void anEvaluationThatComesLateReadsOnlyWhatItHasNotSeenAndOneAfterAGapReadsItsWholeWindow() {
        store("checkout", 2, 1);
        evaluate(5, at(5, 1));
        minutesRead = 0;
        store("checkout", 5, 2);
        assertThat(evaluate(6, at(8, 0))).isEqualTo(whole(6));   // two minutes late: minutes up to 6 are settled after it
        assertThat(minutesRead).isEqualTo(2);
        minutesRead = 0;
        assertThat(evaluate(7, at(8, 30))).isEqualTo(whole(7));
        assertThat(minutesRead).as("minute 6 was settled when read").isEqualTo(1);
        minutesRead = 0;
        store("checkout", 20, 4);
        assertThat(evaluate(22, at(22, 5))).isEqualTo(whole(22));
        assertThat(minutesRead).as("after a gap longer than the window: the whole window").isEqualTo(5);
    }

    @Test
    void anEarlierWindowThanTheKeptMinutesStartsAfresh() {
        store("checkout", 1, 1);
        store("checkout", 7, 2);
        evaluate(10, at(10, 5));
        minutesRead = 0;
        assertThat(evaluate(8, at(10, 6))).isEqualTo(whole(8));
        assertThat(minutesRead).isEqualTo(5);
    }

    @Test
    void onlyWholeMinuteWindowsAtAOneMinuteStepApply() {
        assertThat(LogMinutes.applies(new EvaluationWindow(at(0, 0), at(5, 0), MINUTE))).isTrue();
        assertThat(LogMinutes.applies(new EvaluationWindow(at(0, 0), at(5, 0), Duration.ofMinutes(5)))).isFalse();
        assertThat(LogMinutes.applies(new EvaluationWindow(at(0, 30), at(5, 30), MINUTE))).isFalse();
        assertThat(LogMinutes.applies(new EvaluationWindow(at(0, 0), at(0, 50), Duration.ofSeconds(10)))).isFalse();
    }
}
