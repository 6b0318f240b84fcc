package io.telemetryflow.system.probe;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Delivery attempts per probe id, with the moment each happened. */
public final class ProbeRecorder {

    public record Attempt(int deliveryCount, long atMillis) {
    }

    private static final Map<String, List<Attempt>> ATTEMPTS = new ConcurrentHashMap<>();

    private ProbeRecorder() {
    }

    static void attempt(String probeId, int deliveryCount) {
        ATTEMPTS.computeIfAbsent(probeId, id -> new CopyOnWriteArrayList<>()).add(new Attempt(deliveryCount, System.currentTimeMillis()));
    }

    static List<Attempt> attempts(String probeId) {
        return ATTEMPTS.getOrDefault(probeId, List.of());
    }
}
