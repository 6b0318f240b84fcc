package io.telemetryflow.telemetry.metrics;

import java.util.List;
import java.util.Map;

/**
 * The answer of a series query: the metric with its kind ({@code type}), unit and description from the catalogue
 * (null when the metric is unknown), the aggregation and step applied, and the series, each with its group-by values
 * and points {@code [epochMillis, value]} in time order; {@code truncated} when more series existed than {@code limit}.
 */
public record MetricSeriesAnswer(String metric, String type, String unit, String description, String aggregation,
                                 long stepSeconds, List<Series> series, boolean truncated) {

    /** {@code points}: {@code [epochMillis of the step's start, value]}; steps without a value are left out. */
    public record Series(Map<String, String> labels, List<List<Number>> points) {
    }
}
