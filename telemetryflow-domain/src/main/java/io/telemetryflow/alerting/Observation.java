package io.telemetryflow.alerting;

import java.util.List;

/**
 * What one evaluation found for one instance, before the state machine decides: data (its value, whether it breaches
 * the threshold and whether it is past the recovery threshold), no data, or a failed query; {@code detail} is the
 * human half of a reason ("value 0.93 > 0.9", "no data for 5m").
 */
record Observation(Kind kind, Double value, boolean breach, boolean recovered, String detail) {

    enum Kind { DATA, NO_DATA, ERROR }

    /** A threshold rule's verdict on one series' window; too few points are no data, and NaN (an average of nothing) is no point. */
    static Observation of(AlertCondition condition, List<SeriesSample.Point> window) {
        List<SeriesSample.Point> points = window.stream().filter(point -> !Double.isNaN(point.value())).toList();
        if (points.size() < condition.minDataPoints()) {
            return noData(condition, points.size());
        }
        AlertCondition.Operator operator = condition.operator();
        double value = WindowReduction.value(condition.reduce(), operator, condition.threshold(), points);
        boolean breach = WindowReduction.holds(condition.reduce(), operator, condition.threshold(), points);
        if (breach) {
            return new Observation(Kind.DATA, value, true, false, "value " + RuleFields.number(value) + " " + operator.symbol() + " "
                    + RuleFields.number(condition.threshold()));
        }
        Double recovery = condition.recoveryThreshold();
        if (recovery == null) {
            return new Observation(Kind.DATA, value, false, true, "value " + RuleFields.number(value) + " is not " + operator.symbol() + " "
                    + RuleFields.number(condition.threshold()));
        }
        // the band between the two thresholds: recovered only once past the recovery threshold
        double shown = WindowReduction.value(condition.reduce(), operator, recovery, points);
        boolean recovered = !WindowReduction.holds(condition.reduce(), operator, recovery, points);
        return new Observation(Kind.DATA, shown, false, recovered, "value " + RuleFields.number(shown) + (recovered ? " is not " : " ")
                + operator.symbol() + " recovery threshold " + RuleFields.number(recovery));
    }

    /** An absence rule's verdict: it breaches when the window holds fewer than {@code minDataPoints} points; the value is their number. */
    static Observation absence(AlertCondition condition, int points) {
        boolean breach = points < condition.minDataPoints();
        String window = RuleFields.format(condition.window());
        String detail = points == 0 ? "no data for " + window
                : breach ? "only " + points + " of " + condition.minDataPoints() + " data points in " + window
                : points + " data points in " + window;
        return new Observation(Kind.DATA, (double) points, breach, !breach, detail);
    }

    static Observation noData(AlertCondition condition, int points) {
        String window = RuleFields.format(condition.window());
        return new Observation(Kind.NO_DATA, null, false, false, points == 0 ? "no data for " + window
                : "only " + points + " of " + condition.minDataPoints() + " data points in " + window);
    }

    static Observation error(String error) {
        return new Observation(Kind.ERROR, null, false, false, "query failed: " + error);
    }
}
