package io.telemetryflow.alerting;

import java.util.Comparator;
import java.util.List;

/**
 * How the points of a window become a verdict and a value. {@code avg}, {@code total} and {@code last} reduce to one
 * number that is compared with the threshold; {@code at_least_once} and {@code always} compare every point (any or
 * all must breach) and report the point that decided: the highest for gt/gte (lowest for lt/lte) with at_least_once,
 * the lowest (highest) with always, so the reported value always sits on the side of the threshold the verdict says.
 */
final class WindowReduction {

    private WindowReduction() {
    }

    /** Whether the points breach {@code threshold}; {@code points} is not empty. */
    static boolean holds(AlertCondition.Reduce reduce, AlertCondition.Operator operator, double threshold, List<SeriesSample.Point> points) {
        return switch (reduce) {
            case AT_LEAST_ONCE -> points.stream().anyMatch(point -> operator.test(point.value(), threshold));
            case ALWAYS -> points.stream().allMatch(point -> operator.test(point.value(), threshold));
            default -> operator.test(value(reduce, operator, threshold, points), threshold);
        };
    }

    /** The value a verdict on {@code points} reports; {@code points} is not empty. */
    static double value(AlertCondition.Reduce reduce, AlertCondition.Operator operator, double threshold, List<SeriesSample.Point> points) {
        return switch (reduce) {
            case AVG -> points.stream().mapToDouble(SeriesSample.Point::value).average().orElseThrow();
            case TOTAL -> points.stream().mapToDouble(SeriesSample.Point::value).sum();
            case LAST -> points.stream().max(Comparator.comparing(SeriesSample.Point::at)).orElseThrow().value();
            case AT_LEAST_ONCE -> deciding(operator, threshold, points, true);
            case ALWAYS -> deciding(operator, threshold, points, false);
        };
    }

    /** The extreme point towards a breach (any) or away from it (always); for eq/neq the first point that decides, else the last. */
    private static double deciding(AlertCondition.Operator operator, double threshold, List<SeriesSample.Point> points, boolean any) {
        if (operator.upwards() || operator.downwards()) {
            boolean highest = operator.upwards() == any;
            return highest ? points.stream().mapToDouble(SeriesSample.Point::value).max().orElseThrow()
                    : points.stream().mapToDouble(SeriesSample.Point::value).min().orElseThrow();
        }
        return points.stream().filter(point -> operator.test(point.value(), threshold) == any).findFirst()
                .orElse(points.get(points.size() - 1)).value();
    }
}
