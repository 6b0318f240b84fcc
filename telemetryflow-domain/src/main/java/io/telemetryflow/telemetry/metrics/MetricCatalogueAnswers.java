package io.telemetryflow.telemetry.metrics;

import java.util.List;

/** The answers of the metric catalogue endpoints; {@code truncated} when more entries matched than {@code limit}. */
public final class MetricCatalogueAnswers {

    private MetricCatalogueAnswers() {
    }

    /**
     * A metric as catalogued: {@code temporality} {@code delta}/{@code cumulative} (null for gauges and summaries),
     * {@code monotonic} for sums, {@code lastSeen} the newest point's time (ISO-8601), the services emitting it (at most 100).
     */
    public record MetricName(String name, String type, String unit, String description, String temporality, boolean monotonic,
                             String lastSeen, List<String> services, long dataPoints) {
    }

    public record MetricNames(List<MetricName> metrics, boolean truncated) {
    }

    /** An attribute key ({@code resource.<name>} for resource attributes) with the points carrying it and the newest one's time. */
    public record AttributeKey(String key, long dataPoints, String lastSeen) {
    }

    public record AttributeKeys(String metric, List<AttributeKey> keys, boolean truncated) {
    }

    /** A value of the key (at most 256 characters: longer values are catalogued as their first 256). */
    public record AttributeValue(String value, long dataPoints, String lastSeen) {
    }

    public record AttributeValues(String metric, String key, List<AttributeValue> values, boolean truncated) {
    }
}
