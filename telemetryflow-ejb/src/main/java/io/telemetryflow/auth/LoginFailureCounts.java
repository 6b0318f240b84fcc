package io.telemetryflow.auth;

import com.hazelcast.core.HazelcastException;
import io.telemetryflow.iam.FailureCount;
import io.telemetryflow.platform.cache.HazelcastMember;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Failed sign-ins that have no row of their own: per (email, client address) for every email, and
 * per email for emails without an account (counted like a real account's, so the answers, including
 * "locked", never reveal whether an email exists). Counts live in the cluster cache for as long as
 * their policy needs them; a node without Hazelcast counts alone.
 */
@ApplicationScoped
public class LoginFailureCounts {

    static final String MAP = "tf-login-failures";

    @Inject
    HazelcastMember hazelcast;

    Clock clock = Clock.systemUTC();

    private final Map<String, Local> local = new ConcurrentHashMap<>();
    private volatile Instant nextPurge = Instant.MIN;

    private record Local(FailureCount count, Instant expiresAt) {
    }

    /** Key of an email's failures from one client address. */
    static String fromAddress(String emailDigest, String ipAddress) {
        return "address:" + emailDigest + ":" + ipAddress;
    }

    /** Key of an email's failures from every address, for emails without an account. */
    static String ofUnknownAccount(String emailDigest) {
        return "account:" + emailDigest;
    }

    public FailureCount get(String key) {
        return update(key, null, Duration.ZERO);   // no change: only reads
    }

    /** Replaces the count of {@code key} by {@code change} of it (atomically across the cluster), kept for {@code retention}. */
    public FailureCount update(String key, UnaryOperator<FailureCount> change, Duration retention) {
        Optional<FailureCount> clustered = Optional.empty();
        try {
            clustered = hazelcast.instance().filter(h -> h.getLifecycleService().isRunning()).map(h -> {
                var map = h.<String, long[]>getMap(MAP);
                if (change == null) {
                    return decode(map.get(key));
                }
                map.lock(key);
                try {
                    FailureCount next = change.apply(decode(map.get(key)));
                    map.set(key, encode(next), retention.toMillis(), TimeUnit.MILLISECONDS);
                    return next;
                } finally {
                    map.unlock(key);
                }
            });
        } catch (HazelcastException | IllegalStateException e) {
            // fall through to the node-local count
        }
        return clustered.orElseGet(() -> updateLocally(key, change, retention));
    }

    public void clear(String key) {
        update(key, previous -> FailureCount.NONE, Duration.ofSeconds(1));
    }

    private FailureCount updateLocally(String key, UnaryOperator<FailureCount> change, Duration retention) {
        Instant now = clock.instant();
        if (change != null && !now.isBefore(nextPurge)) {
            nextPurge = now.plusSeconds(60);
            local.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));   // keeps the map bounded by the retention
        }
        Local entry = local.compute(key, (k, old) -> {
            Local current = old == null || !now.isBefore(old.expiresAt()) ? null : old;
            if (change == null) {
                return current;
            }
            return new Local(change.apply(current == null ? FailureCount.NONE : current.count()), now.plus(retention));
        });
        return entry == null ? FailureCount.NONE : entry.count();
    }

    /** Stored as three longs (a type Hazelcast serializes itself): failures, last failure and lock end in epoch ms, -1 for none. */
    private static long[] encode(FailureCount count) {
        return new long[] {count.failures(), millis(count.lastFailureAt()), millis(count.lockedUntil())};
    }

    private static FailureCount decode(long[] stored) {
        if (stored == null || stored.length != 3) {
            return FailureCount.NONE;
        }
        return new FailureCount((int) stored[0], instant(stored[1]), instant(stored[2]));
    }

    private static long millis(Instant instant) {
        return instant == null ? -1 : instant.toEpochMilli();
    }

    private static Instant instant(long millis) {
        return millis < 0 ? null : Instant.ofEpochMilli(millis);
    }
}
