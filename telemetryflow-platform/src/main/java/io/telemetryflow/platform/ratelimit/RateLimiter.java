package io.telemetryflow.platform.ratelimit;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Fixed one-minute windows counted in a Hazelcast map, so a limit holds across every node of the
 * cluster (the count lives on the key's partition owner and is incremented atomically there).
 * When Hazelcast is unavailable each node counts alone, which loosens the limit by the number of
 * nodes rather than dropping it.
 */
public class RateLimiter {

    static final String MAP = "tf-rate-limits";
    private static final long WINDOW_MILLIS = 60_000;

    /** Whether the call may proceed, and if not, how many seconds until the window resets. */
    public record Decision(boolean allowed, long count, int retryAfterSeconds) {
    }

    private final Supplier<Optional<HazelcastInstance>> cluster;
    private final Clock clock;
    private final Map<String, AtomicLong> local = new ConcurrentHashMap<>();

    public RateLimiter(Supplier<Optional<HazelcastInstance>> cluster, Clock clock) {
        this.cluster = cluster;
        this.clock = clock;
    }

    public Decision tryAcquire(String subject, long limitPerMinute) {
        long now = clock.millis();
        long window = now / WINDOW_MILLIS;
        String key = subject + '@' + window;
        long count = countInCluster(key).orElseGet(() -> countLocally(key, window));
        return new Decision(count <= limitPerMinute, count, count <= limitPerMinute ? 0 : retryAfter(window, now));
    }

    /**
     * The subject's count in the current window, without adding to it: allowed while one more would stay within the
     * limit. For budgets that only failures spend ({@link FailureBudget}), checked before the work that may fail.
     */
    public Decision peek(String subject, long limitPerMinute) {
        long now = clock.millis();
        long window = now / WINDOW_MILLIS;
        String key = subject + '@' + window;
        long count = readInCluster(key).orElseGet(() -> {
            AtomicLong counted = local.get(key);
            return counted == null ? 0 : counted.get();
        });
        boolean allowed = count < limitPerMinute;
        return new Decision(allowed, count, allowed ? 0 : retryAfter(window, now));
    }

    private static int retryAfter(long window, long now) {
        return (int) Math.max(1, ((window + 1) * WINDOW_MILLIS - now + 999) / 1000);
    }

    private Optional<Long> countInCluster(String key) {
        try {
            return runningMember().map(instance -> instance.<String, Long>getMap(MAP).executeOnKey(key, new Increment()));
        } catch (HazelcastException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private Optional<Long> readInCluster(String key) {
        try {
            return runningMember().map(instance -> {
                Long counted = instance.<String, Long>getMap(MAP).get(key);
                return counted == null ? 0L : counted;
            });
        } catch (HazelcastException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private Optional<HazelcastInstance> runningMember() {
        return cluster.get().filter(instance -> instance.getLifecycleService().isRunning());
    }

    private long countLocally(String key, long window) {
        local.keySet().removeIf(stale -> !stale.endsWith("@" + window));
        return local.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    /** Runs on the entry's owner: increments and keeps the entry a little longer than its window. */
    static final class Increment implements EntryProcessor<String, Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long process(Map.Entry<String, Long> entry) {
            long next = entry.getValue() == null ? 1 : entry.getValue() + 1;
            ((ExtendedMapEntry<String, Long>) entry).setValue(next, 2 * WINDOW_MILLIS, TimeUnit.MILLISECONDS);
            return next;
        }
    }
}
