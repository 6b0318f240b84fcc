package io.telemetryflow.telemetry.metrics;

import java.util.List;
import java.util.Map;

/** Exemplars newest first; {@code truncated} when more existed than {@code limit}. */
public record MetricExemplars(String metric, String type, List<Exemplar> exemplars, boolean truncated) {

    /**
     * One exemplar: when it was measured ({@code timestampUnixNano}, a decimal string), its value, the trace and span
     * (lowercase hex, {@code ""} when not sampled in a trace), the point's attributes plus {@code service.name}
     * ({@code labels}), and the attributes the aggregation dropped ({@code filteredAttributes}).
     */
    public record Exemplar(String timestampUnixNano, Double value, String traceId, String spanId, Map<String, String> labels,
                           Map<String, String> filteredAttributes) {
    }
}
