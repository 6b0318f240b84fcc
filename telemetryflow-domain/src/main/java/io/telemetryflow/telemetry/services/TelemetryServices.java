package io.telemetryflow.telemetry.services;

import java.util.List;
import java.util.Map;

/** The services of a tenant, by name; {@code truncated} when more existed than {@code limit}. */
public record TelemetryServices(List<Service> services, boolean truncated) {

    /**
     * A service: the signals it sent (traces, logs, metrics), the oldest and newest record time over them (ISO-8601),
     * and the records stored per signal (spans, log records, metric data points).
     */
    public record Service(String name, List<String> signals, String firstSeen, String lastSeen, Map<String, Long> recordCounts) {
    }
}
