package io.telemetryflow.telemetry.traces;

/** A service map request: the range as given. */
public record ServiceMapQuery(String from, String to) {
}
