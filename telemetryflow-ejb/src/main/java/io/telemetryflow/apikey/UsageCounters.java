package io.telemetryflow.apikey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Per-key use counts and last-use times of one node since the last flush. Recording is lock-free
 * (a LongAdder and a running maximum per key) so the ingest path never waits for it; a flush takes
 * what was counted and hands it to a writer in one batch, and gives it back if the writer fails, so
 * a database outage delays the numbers but loses none of them.
 */
final class UsageCounters {

    /** What one key was used for since the last flush. */
    record Usage(UUID keyId, long count, Instant lastUsedAt) {
    }

    private static final class Counter {
        final LongAdder count = new LongAdder();
        final AtomicLong lastUsedMillis = new AtomicLong(Long.MIN_VALUE);

        void add(long uses, long atMillis) {
            // time first: a flush that sees the count then sees a time at least as late
            lastUsedMillis.accumulateAndGet(atMillis, Math::max);
            count.add(uses);
        }
    }

    private final Map<UUID, Counter> counters = new ConcurrentHashMap<>();

    void record(UUID keyId, Instant at) {
        counters.computeIfAbsent(keyId, id -> new Counter()).add(1, at.toEpochMilli());
    }

    /**
     * Takes every count recorded so far and passes them to {@code writer}; uses recorded during the
     * flush are kept for the next one. Returns the number of keys written.
     */
    synchronized int flush(Consumer<List<Usage>> writer) {
        List<Usage> taken = new ArrayList<>();
        counters.forEach((id, counter) -> {
            long count = counter.count.sumThenReset();   // each cell is swapped to zero: no use is counted twice or lost
            if (count > 0) {
                taken.add(new Usage(id, count, Instant.ofEpochMilli(counter.lastUsedMillis.get())));
            }
        });
        if (taken.isEmpty()) {
            return 0;
        }
        try {
            writer.accept(taken);
        } catch (RuntimeException e) {
            taken.forEach(usage -> counters.computeIfAbsent(usage.keyId(), id -> new Counter())
                    .add(usage.count(), usage.lastUsedAt().toEpochMilli()));
            throw e;
        }
        return taken.size();
    }
}
