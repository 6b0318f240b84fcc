package io.telemetryflow.platform.cache;

import java.time.Duration;

/**
 * How long a cached value lives in each tier (reference: 05-performance.md, cache profiles).
 * L1 is the node-local cache, L2 the cluster-wide one; L2 outlives L1 so that a node that
 * evicted a value can refill it without going to the database.
 */
public enum CacheProfile {
    SHORT(Duration.ofMinutes(1), Duration.ofMinutes(5)),
    MEDIUM(Duration.ofMinutes(5), Duration.ofMinutes(30)),
    LONG(Duration.ofMinutes(30), Duration.ofHours(1)),
    STATIC(Duration.ofHours(1), Duration.ofHours(24));

    private final Duration l1Ttl;
    private final Duration l2Ttl;

    CacheProfile(Duration l1Ttl, Duration l2Ttl) {
        this.l1Ttl = l1Ttl;
        this.l2Ttl = l2Ttl;
    }

    public Duration l1Ttl() {
        return l1Ttl;
    }

    public Duration l2Ttl() {
        return l2Ttl;
    }
}
