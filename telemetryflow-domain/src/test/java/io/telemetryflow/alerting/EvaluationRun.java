package io.telemetryflow.alerting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Evaluations of one rule one interval apart, each fed the previous outcome, as the evaluator does; the clock is {@link #at}. */
final class EvaluationRun {

    static final Map<String, String> WEB_1 = Map.of("host.name", "web-1");
    static final Map<String, String> WEB_2 = Map.of("host.name", "web-2");

    final AlertRule rule;
    Instant at = RuleFixture.NOW;
    Map<String, InstanceState> states = Map.of();
    Map<String, Map<String, String>> labels = Map.of();
    final List<AlertTransition> transitions = new ArrayList<>();
    AlertEvaluation.Outcome last;

    EvaluationRun(AlertRule rule) {
        this.rule = rule;
    }

    /** One evaluation, one interval after the previous one. */
    AlertEvaluation.Outcome tick(EvaluationInput input) {
        at = at.plus(rule.interval());
        last = AlertEvaluation.evaluate(rule, states, labels, input, at);
        states = last.states();
        labels = last.labels();
        transitions.addAll(last.transitions());
        return last;
    }

    /** One evaluation where the series {@code labels} has the one point {@code value}. */
    AlertEvaluation.Outcome value(Map<String, String> series, double value) {
        return tick(EvaluationInput.samples(List.of(sample(series, value))));
    }

    AlertEvaluation.Outcome value(double value) {
        return value(WEB_1, value);
    }

    AlertEvaluation.Outcome nothing() {
        return tick(EvaluationInput.samples(List.of()));
    }

    SeriesSample sample(Map<String, String> series, double... values) {
        List<SeriesSample.Point> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new SeriesSample.Point(at.plus(rule.interval()).minusSeconds(values.length - i), values[i]));
        }
        return new SeriesSample(series, points);
    }

    InstanceState state(Map<String, String> series) {
        return states.get(Fingerprints.of(series));
    }

    InstanceState state() {
        return state(WEB_1);
    }

    /** The transitions of the last evaluation as "FROM->TO". */
    List<String> lastChanges() {
        return last.transitions().stream().map(t -> t.from() + "->" + t.to()).toList();
    }

    List<String> allChanges() {
        return transitions.stream().map(t -> t.from() + "->" + t.to()).toList();
    }
}
