package io.telemetryflow.telemetry.metrics;

import io.telemetryflow.platform.error.Rejected;
import java.util.Arrays;
import java.util.Optional;

/** The five OTLP metric kinds, each stored in its own table (docs/clickhouse-schema.md) and named as {@code metric_catalogue.metric_type}. */
public enum MetricKind {
    GAUGE("gauge"), SUM("sum"), HISTOGRAM("histogram"), EXPONENTIAL_HISTOGRAM("exponential_histogram"), SUMMARY("summary");

    private final String type;

    MetricKind(String type) {
        this.type = type;
    }

    /** The name in the catalogue and the API. */
    public String type() {
        return type;
    }

    /** The raw table of this kind's data points. */
    public String table() {
        return "otel_metrics_" + type;
    }

    public static Optional<MetricKind> ofType(String type) {
        return Arrays.stream(values()).filter(kind -> kind.type.equals(type)).findFirst();
    }

    /** A kind a request names; {@code null} or blank for "choose from the catalogue". */
    static Optional<MetricKind> parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(ofType(text.trim()).orElseThrow(() -> Rejected.invalid(field,
                field + " must be one of gauge, sum, histogram, exponential_histogram, summary")));
    }
}
