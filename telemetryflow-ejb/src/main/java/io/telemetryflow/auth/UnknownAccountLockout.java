package io.telemetryflow.auth;

import com.hazelcast.core.HazelcastException;
import io.telemetryflow.platform.cache.HazelcastMember;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Failed sign-ins for email addresses that have no account, counted like a real account's so the
 * answers (including "locked") never reveal whether an email exists. Counts live in the cluster
 * cache with the lock duration as their lifetime; a node without Hazelcast counts alone.
 */
@ApplicationScoped
public class UnknownAccountLockout {

    static final String MAP = "tf-unknown-login-failures";

    @Inject
    HazelcastMember hazelcast;

    private final Map<String, long[]> local = new ConcurrentHashMap<>();   // digest → {count, expiresAtMillis}

    /** Counts one failure; returns whether the address is now locked. */
    public boolean recordFailure(String emailDigest, int maxAttempts, Duration lockDuration) {
        return count(emailDigest, 1, lockDuration) >= maxAttempts;
    }

    public boolean isLocked(String emailDigest, int maxAttempts, Duration lockDuration) {
        return count(emailDigest, 0, lockDuration) >= maxAttempts;
    }

    private int count(String digest, int add, Duration lifetime) {
        Optional<Integer> clustered = Optional.empty();
        try {
            clustered = hazelcast.instance().filter(h -> h.getLifecycleService().isRunning()).map(h -> {
                var map = h.<String, Integer>getMap(MAP);
                if (add == 0) {
                    return map.getOrDefault(digest, 0);
                }
                map.lock(digest);
                try {
                    int next = map.getOrDefault(digest, 0) + add;
                    map.set(digest, next, lifetime.toMillis(), TimeUnit.MILLISECONDS);
                    return next;
                } finally {
                    map.unlock(digest);
                }
            });
        } catch (HazelcastException | IllegalStateException e) {
            // fall through to the node-local count
        }
        return clustered.orElseGet(() -> {
            long now = Instant.now().toEpochMilli();
            long[] entry = local.compute(digest, (k, old) -> {
                long[] current = old == null || old[1] <= now ? new long[] {0, now + lifetime.toMillis()} : old;
                current[0] += add;
                if (add > 0) {
                    current[1] = now + lifetime.toMillis();
                }
                return current;
            });
            return (int) entry[0];
        });
    }
}
