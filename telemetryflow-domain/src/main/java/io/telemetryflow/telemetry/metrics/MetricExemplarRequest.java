package io.telemetryflow.telemetry.metrics;

import java.util.List;

/** The body of {@code POST /telemetry/metrics/exemplars}, as sent (and the cache key). */
public record MetricExemplarRequest(String metric, String type, String from, String to, String service,
                                    List<MetricSeriesRequest.Filter> filters, String tenantId, Integer limit) {

    /** A missing body (refused for its missing {@code metric}). */
    public static final MetricExemplarRequest EMPTY = new MetricExemplarRequest(null, null, null, null, null, null, null, null);
}
