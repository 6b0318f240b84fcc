package io.telemetryflow.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-minute counts of one log question (a tenant's log rule query over windows of one length), kept between its
 * evaluations so that each evaluation reads only the minutes it has not read as final: a 5-minute window read every
 * minute reads two minutes, not five; a 1-hour window two, not sixty. A minute is final ("settled") once it ended
 * {@link #SETTLE} before the read that saw it (records reach ClickHouse seconds after they are sent, more under load);
 * the minutes after it are read again by the next evaluation. Counts per minute add up exactly, so the window's counts
 * are the same as one read of the whole window, but for records stored later than {@code SETTLE} after their minute,
 * which an {@code evaluationDelay} covers. Not thread-safe: callers hold its monitor.
 */
public final class LogMinutes {

    public static final Duration SETTLE = Duration.ofMinutes(1);
    private static final long MINUTE_MILLIS = 60_000;

    /** The range to read: {@code [from, window.to())}. */
    public record Read(Instant from, Instant to) {
    }

    /** Counts by group-by value ("" ungrouped), then minute start (epoch ms). */
    private final Map<String, TreeMap<Long, Long>> counts = new TreeMap<>();
    /** The kept minutes are final in {@code [coveredFrom, settledUntil)}. */
    private Instant coveredFrom = Instant.EPOCH;
    private Instant settledUntil = Instant.EPOCH;

    /** Whether a window can be assembled from minutes: its ends and its step are whole minutes. */
    public static boolean applies(EvaluationWindow window) {
        return window.step().toMillis() == MINUTE_MILLIS && window.from().toEpochMilli() % MINUTE_MILLIS == 0
                && window.to().toEpochMilli() % MINUTE_MILLIS == 0;
    }

    /**
     * What an evaluation of {@code window} has to read: from where the final minutes kept end; the whole window when
     * the kept ones do not reach its start (the first evaluation, a long pause, a rule with another delay), after which
     * they are dropped.
     */
    public Read toRead(EvaluationWindow window) {
        if (window.from().isBefore(coveredFrom) || window.from().isAfter(settledUntil)) {
            counts.clear();
            coveredFrom = window.from();
            settledUntil = window.from();
        }
        return new Read(settledUntil.isAfter(window.to()) ? window.to() : settledUntil, window.to());
    }

    /**
     * Takes what was read over {@code read} at {@code now} (by value, then minute start), replacing what was kept for
     * those minutes, and drops the minutes before the window.
     */
    public void took(EvaluationWindow window, Read read, Map<String, ? extends Map<Long, Long>> counted, Instant now) {
        long from = read.from().toEpochMilli();
        long to = read.to().toEpochMilli();
        counts.values().forEach(minutes -> minutes.subMap(from, to).clear());
        counted.forEach((value, minutes) -> minutes.forEach((minute, count) -> {
            if (minute >= from && minute < to) {
                counts.computeIfAbsent(value, key -> new TreeMap<>()).put(minute, count);
            }
        }));
        Instant settled = Instant.ofEpochMilli(Math.floorDiv(now.minus(SETTLE).toEpochMilli(), MINUTE_MILLIS) * MINUTE_MILLIS);
        if (settled.isAfter(read.to())) {
            settled = read.to();
        }
        if (settled.isAfter(settledUntil)) {
            settledUntil = settled;
        }
        long start = window.from().toEpochMilli();
        counts.values().forEach(minutes -> minutes.headMap(start).clear());
        counts.values().removeIf(Map::isEmpty);
        if (window.from().isAfter(coveredFrom)) {
            coveredFrom = window.from();
        }
    }

    /** The window's counts by value, then minute start: every value with a record in it, none for a minute without. */
    public Map<String, Map<Long, Long>> window(EvaluationWindow window) {
        Map<String, Map<Long, Long>> inWindow = new TreeMap<>();
        counts.forEach((value, minutes) -> {
            Map<Long, Long> in = minutes.subMap(window.from().toEpochMilli(), window.to().toEpochMilli());
            if (!in.isEmpty()) {
                inWindow.put(value, new TreeMap<>(in));
            }
        });
        return inWindow;
    }
}
