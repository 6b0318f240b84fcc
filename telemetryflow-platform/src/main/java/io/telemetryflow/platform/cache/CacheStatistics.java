package io.telemetryflow.platform.cache;

/** Counters since the node started. */
public record CacheStatistics(CacheMode mode, long l1Hits, long l2Hits, long misses, long puts,
                              long invalidations, long l2Failures, long l1Entries) {

    public double hitRate() {
        long lookups = l1Hits + l2Hits + misses;
        return lookups == 0 ? 0 : (double) (l1Hits + l2Hits) / lookups;
    }
}
