package io.telemetryflow.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.apikey.UsageCounters.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UsageCountersTest {

    private final UsageCounters counters = new UsageCounters();
    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();
    private final Instant t0 = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void oneFlushWritesOneRowPerKeyWithCountAndLatestUse() {
        counters.record(first, t0.plusSeconds(3));
        counters.record(first, t0.plusSeconds(1));
        counters.record(first, t0.plusSeconds(2));
        counters.record(second, t0);
        List<List<Usage>> batches = new ArrayList<>();

        assertThat(counters.flush(batches::add)).isEqualTo(2);

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).containsExactlyInAnyOrder(new Usage(first, 3, t0.plusSeconds(3)), new Usage(second, 1, t0));
    }

    @Test
    void nothingIsWrittenWhenNothingWasUsedSinceTheLastFlush() {
        counters.record(first, t0);
        counters.flush(batch -> { });
        List<List<Usage>> batches = new ArrayList<>();

        assertThat(counters.flush(batches::add)).isZero();
        assertThat(batches).isEmpty();
    }

    @Test
    void aFailedWriteKeepsTheUsesForTheNextFlush() {
        counters.record(first, t0);
        counters.record(first, t0.plusSeconds(1));
        assertThatThrownBy(() -> counters.flush(batch -> {
            throw new IllegalStateException("database down");
        })).hasMessage("database down");
        counters.record(first, t0.plusSeconds(2));
        List<Usage> written = new ArrayList<>();

        counters.flush(written::addAll);

        assertThat(written).containsExactly(new Usage(first, 3, t0.plusSeconds(2)));
    }

    @Test
    void concurrentUsesAreCountedExactlyOnceAcrossFlushes() throws Exception {
        int threads = 4;
        int usesPerThread = 50_000;
        List<Usage> written = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean recording = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> recorders = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                UUID key = i % 2 == 0 ? first : second;
                recorders.add(pool.submit(() -> {
                    for (int n = 0; n < usesPerThread; n++) {
                        counters.record(key, t0.plusMillis(n));
                    }
                }));
            }
            Thread flusher = new Thread(() -> {
                while (recording.get()) {
                    counters.flush(written::addAll);
                }
            });
            flusher.start();
            for (Future<?> recorder : recorders) {
                recorder.get();
            }
            recording.set(false);
            flusher.join();
            counters.flush(written::addAll);
        } finally {
            pool.shutdownNow();
        }
        Map<UUID, Long> totals = written.stream().collect(Collectors.groupingBy(Usage::keyId, Collectors.summingLong(Usage::count)));
        assertThat(totals).containsEntry(first, 2L * usesPerThread).containsEntry(second, 2L * usesPerThread);
        assertThat(written.stream().filter(u -> u.keyId().equals(first)).map(Usage::lastUsedAt).max(Instant::compareTo))
                .hasValue(t0.plusMillis(usesPerThread - 1));
    }
}
