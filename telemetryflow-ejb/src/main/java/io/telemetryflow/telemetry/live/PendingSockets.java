package io.telemetryflow.telemetry.live;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Live-tail sockets that have not authenticated yet, counted per client address: each address may hold at most
 * {@code telemetryflow.live.max-pending-sockets-per-address} of them, so that nobody fills the node with sockets that
 * never sign in (they are closed after {@code telemetryflow.live.auth-timeout} anyway). An address whose count drops
 * to zero is forgotten, so the map holds only addresses with a socket open.
 */
final class PendingSockets {

    private final int perAddress;
    private final ConcurrentMap<String, Integer> counts = new ConcurrentHashMap<>();

    PendingSockets(int perAddress) {
        this.perAddress = perAddress;
    }

    /** Counts one more pending socket of the address, unless it has {@code perAddress} already. */
    boolean reserve(String address) {
        boolean[] reserved = new boolean[1];
        counts.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            reserved[0] = current < perAddress;
            return reserved[0] ? current + 1 : count;
        });
        return reserved[0];
    }

    /** One pending socket of the address authenticated or closed. */
    void release(String address) {
        counts.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
    }

    int addresses() {
        return counts.size();
    }
}
