package io.telemetryflow.telemetry.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * Turns the merged histograms of one series (one entry per step and bucket layout, as {@link MetricSeriesSql}
 * returns them) into points: count, sum and avg from the count and sum columns, min and max from the reported
 * min/max, percentiles from the buckets ({@link HistogramQuantile}). Steps without a value are left out (avg or a
 * percentile of no observations, min/max or sum not reported).
 */
public final class HistogramSteps {

    /** Builds the buckets of a layout, narrowed by the step's merged min and max (NaN when unknown). */
    @FunctionalInterface
    public interface Buckets {
        List<HistogramQuantile.Bucket> within(double min, double max);
    }

    /** One step's observations in one bucket layout; {@code sum}/{@code min}/{@code max} null when not reported. */
    public record Layout(long time, long count, Double sum, Double min, Double max, Buckets buckets) {
    }

    private HistogramSteps() {
    }

    public static List<List<Number>> points(List<Layout> layouts, MetricAggregation aggregation) {
        TreeMap<Long, List<Layout>> steps = new TreeMap<>();
        layouts.forEach(layout -> steps.computeIfAbsent(layout.time(), time -> new ArrayList<>()).add(layout));
        List<List<Number>> points = new ArrayList<>(steps.size());
        for (Map.Entry<Long, List<Layout>> step : steps.entrySet()) {
            Double value = value(step.getValue(), aggregation);
            if (value != null && !value.isNaN() && !value.isInfinite()) {
                points.add(Arrays.asList(step.getKey(), value));
            }
        }
        return points;
    }

    private static Double value(List<Layout> layouts, MetricAggregation aggregation) {
        long count = layouts.stream().mapToLong(Layout::count).sum();
        Double sum = merge(layouts.stream().map(Layout::sum).toList(), Double::sum);
        Double min = merge(layouts.stream().map(Layout::min).toList(), Math::min);
        Double max = merge(layouts.stream().map(Layout::max).toList(), Math::max);
        return switch (aggregation) {
            case COUNT -> (double) count;
            case SUM -> sum;
            case AVG -> sum == null || count == 0 ? null : sum / count;
            case MIN -> min;
            case MAX -> max;
            default -> {
                double lower = min == null ? Double.NaN : min;
                double upper = max == null ? Double.NaN : max;
                List<HistogramQuantile.Bucket> buckets = new ArrayList<>();
                layouts.forEach(layout -> buckets.addAll(layout.buckets().within(lower, upper)));
                yield HistogramQuantile.quantile(aggregation.quantile(), buckets);
            }
        };
    }

    private static Double merge(List<Double> values, BinaryOperator<Double> combine) {
        return values.stream().filter(value -> value != null && !value.isNaN()).reduce(combine).orElse(null);
    }
}
