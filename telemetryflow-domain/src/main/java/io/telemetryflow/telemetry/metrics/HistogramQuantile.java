package io.telemetryflow.telemetry.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Quantiles estimated from histogram buckets, as Prometheus's {@code histogram_quantile} does: the observations of a
 * bucket are taken as spread evenly over it, so the estimate is a linear interpolation inside the bucket that holds
 * the rank {@code q * count}, and its error is at most that bucket's width. Buckets of different layouts (other
 * bounds, other exponential scales) merge as a mixture: the estimate is where the summed piecewise-linear cumulative
 * count reaches the rank, which for a single layout is exactly Prometheus's interpolation.
 * <p>
 * Open ends: an explicit histogram's first bucket {@code (-inf, b0]} starts at the reported {@code min} if known,
 * else at 0 when {@code b0 > 0} (Prometheus), else it is the single value {@code b0}; the last bucket
 * {@code (bn, +inf)} ends at the reported {@code max} if known, else it is the single value {@code bn} (Prometheus
 * returns the highest finite bound). Known {@code min}/{@code max} also narrow every bucket they fall in.
 */
public final class HistogramQuantile {

    /** Observations spread evenly over {@code (lower, upper]}, or all at {@code lower} when both are equal. */
    public record Bucket(double lower, double upper, double count) {
    }

    private HistogramQuantile() {
    }

    /**
     * The buckets of an explicit-bounds histogram: {@code counts[i]} observations in {@code (bounds[i-1], bounds[i]]},
     * the first and last open-ended; {@code min}/{@code max} NaN when unknown.
     */
    public static List<Bucket> explicit(List<Double> bounds, List<Long> counts, double min, double max) {
        List<Bucket> buckets = new ArrayList<>(counts.size());
        for (int i = 0; i < counts.size(); i++) {
            double lower = i == 0 ? Double.NEGATIVE_INFINITY : bounds.get(i - 1);
            double upper = i < bounds.size() ? bounds.get(i) : Double.POSITIVE_INFINITY;
            add(buckets, lower, upper, counts.get(i), min, max);
        }
        return buckets;
    }

    /**
     * The buckets of an exponential histogram at {@code scale}: index {@code i} holds {@code (base^i, base^(i+1)]}
     * with {@code base = 2^(2^-scale)} (mirrored for negative values); the zero bucket is taken as the value 0.
     */
    public static List<Bucket> exponential(int scale, Map<Integer, Long> positive, Map<Integer, Long> negative, long zeroCount,
                                           double min, double max) {
        List<Bucket> buckets = new ArrayList<>(positive.size() + negative.size() + 1);
        double exponentPerIndex = Math.pow(2, -scale);
        positive.forEach((index, count) -> add(buckets, Math.pow(2, index * exponentPerIndex), Math.pow(2, (index + 1) * exponentPerIndex),
                count, min, max));
        negative.forEach((index, count) -> add(buckets, -Math.pow(2, (index + 1) * exponentPerIndex), -Math.pow(2, index * exponentPerIndex),
                count, min, max));
        if (zeroCount > 0) {
            buckets.add(new Bucket(0, 0, zeroCount));
        }
        return buckets;
    }

    private static void add(List<Bucket> buckets, double lower, double upper, double count, double min, double max) {
        if (count <= 0) {
            return;
        }
        if (!Double.isNaN(min)) {
            lower = Math.max(lower, Math.min(min, upper));
        }
        if (!Double.isNaN(max)) {
            upper = Math.min(upper, Math.max(max, lower));
        }
        if (lower == Double.NEGATIVE_INFINITY) {
            lower = upper > 0 ? 0 : upper;
        }
        if (upper == Double.POSITIVE_INFINITY) {
            upper = lower;
        }
        buckets.add(new Bucket(lower, upper, count));
    }

    /** The {@code q}-quantile (0 < q < 1) of the observations in {@code buckets}; NaN when they hold none or cannot be placed. */
    public static double quantile(double q, List<Bucket> buckets) {
        // at each breakpoint: the change of density (count per unit) and the single values (jumps) there
        TreeMap<Double, double[]> points = new TreeMap<>();
        double total = 0;
        for (Bucket bucket : buckets) {
            if (Double.isInfinite(bucket.lower()) || Double.isInfinite(bucket.upper()) || Double.isNaN(bucket.lower())) {
                return Double.NaN;
            }
            total += bucket.count();
            if (bucket.upper() > bucket.lower()) {
                double density = bucket.count() / (bucket.upper() - bucket.lower());
                points.computeIfAbsent(bucket.lower(), x -> new double[2])[0] += density;
                points.computeIfAbsent(bucket.upper(), x -> new double[2])[0] -= density;
            } else {
                points.computeIfAbsent(bucket.lower(), x -> new double[2])[1] += bucket.count();
            }
        }
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double density = 0;
        double cumulative = 0;
        double previous = Double.NaN;
        for (Map.Entry<Double, double[]> point : points.entrySet()) {
            double x = point.getKey();
            if (!Double.isNaN(previous)) {
                double reached = cumulative + density * (x - previous);
                if (reached >= rank && reached > cumulative) {
                    return previous + (x - previous) * (rank - cumulative) / (reached - cumulative);
                }
                cumulative = reached;
            }
            cumulative += point.getValue()[1];
            if (cumulative >= rank) {
                return x;
            }
            density += point.getValue()[0];
            previous = x;
        }
        return previous;
    }
}
