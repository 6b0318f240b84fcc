package io.telemetryflow.telemetry;

import io.telemetryflow.platform.error.Rejected;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many telemetry reads may run at once on this node, per key (a caller's requests, or a tenant's ClickHouse
 * queries). One over the bound is refused at once with a 429 and Retry-After instead of queueing: a queue would hold
 * a thread per waiting request, and the work it protects (a scan of days) takes seconds. The count of a key is
 * forgotten when it falls to zero, so the table holds only keys with work running. Thread-safe.
 */
public final class ReadAdmission {

    static final int RETRY_AFTER_SECONDS = 1;

    private final int bound;
    private final String refusal;
    private final ConcurrentHashMap<String, Integer> running = new ConcurrentHashMap<>();

    /**
     * @param bound reads one key may have running at once
     * @param whose what a key is, for the refusal ("you have", "this tenant has")
     */
    public ReadAdmission(int bound, String whose) {
        if (bound < 1) {
            throw new IllegalArgumentException("the concurrency bound must be at least 1");
        }
        this.bound = bound;
        this.refusal = whose + " " + bound + " telemetry " + (bound == 1 ? "query" : "queries")
                + " running already, the most allowed at once; retry when one has finished";
    }

    /** A slot for one read of {@code key}, to close when the read ends; a 429 {@link Rejected} when all are taken. */
    public Slot enter(String key) {
        AtomicBoolean admitted = new AtomicBoolean();
        running.compute(key, (k, count) -> {
            int now = count == null ? 0 : count;
            if (now >= bound) {
                return count;
            }
            admitted.set(true);
            return now + 1;
        });
        if (!admitted.get()) {
            throw Rejected.tooManyRequests(refusal, RETRY_AFTER_SECONDS);
        }
        return new Slot(key);
    }

    /** Reads of {@code key} running now. */
    public int running(String key) {
        return running.getOrDefault(key, 0);
    }

    /** Keys with reads running now (the table's size). */
    int keys() {
        return running.size();
    }

    /** One admitted read; closing it twice frees one slot only. */
    public final class Slot implements AutoCloseable {

        private final String key;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Slot(String key) {
            this.key = key;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                running.computeIfPresent(key, (k, count) -> count > 1 ? count - 1 : null);
            }
        }
    }
}
