package io.telemetryflow.telemetry.traces;

import java.util.List;

/**
 * Services and the calls between them over a time range. A node's {@code calls}/{@code errors} count the service's
 * entry spans, as RED does ({@link RedMetrics}); an edge counts child spans whose parent span (a CLIENT or PRODUCER
 * span, both starting in the range) belongs to another service, with the child's status and duration.
 * {@code truncated}: there were more edges than {@link TraceSql#MAX_EDGES}; the busiest are kept.
 */
public record ServiceMap(String from, String to, List<Node> nodes, List<Edge> edges, boolean truncated) {

    public record Node(String service, long calls, long errors, double errorRate) {
    }

    public record Edge(String source, String target, long calls, long errors, double errorRate, Percentiles latencyNanos) {
    }
}
