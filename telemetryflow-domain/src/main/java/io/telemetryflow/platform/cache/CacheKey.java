package io.telemetryflow.platform.cache;

import java.util.Objects;

/**
 * A cache entry's address: namespace (e.g. {@code services}), the tenant it belongs to, and the
 * caller's key within that tenant. The stored key also carries the tenant's generation number,
 * so bumping the generation makes every older entry of the tenant unreachable at once, on every
 * node, without scanning keys; the orphans simply expire by TTL.
 */
public record CacheKey(String namespace, String tenantId, String key) {

    public CacheKey {
        requireToken(namespace, "namespace");
        requireToken(tenantId, "tenantId");
        Objects.requireNonNull(key, "key");
    }

    /** The key as stored for the given generation of the tenant. */
    public String storageKey(long generation) {
        return namespace + ':' + tenantId + ":g" + generation + ':' + key;
    }

    private static void requireToken(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.indexOf(':') >= 0) {
            throw new IllegalArgumentException(what + " must be non-empty and must not contain ':'");
        }
    }
}
