package io.telemetryflow.alerting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alert state machine over a whole rule: one evaluation of one rule over what its query read. Each series is an
 * instance (keyed by {@link Fingerprints#of} its labels) moved by {@link InstanceMachine}; besides:
 * <ul>
 * <li>a query that returned no series at all is no data for the instance without labels (an ungrouped rule's one
 *     instance; for a grouped rule, an extra instance that says the whole query is empty);</li>
 * <li>a failed query is an error for every known instance (or for the instance without labels when none is known);</li>
 * <li>a known series that the query no longer returns keeps its state and counts {@code missingEvaluations}; after
 *     {@code resolveMissingAfter} evaluations in a row it resolves (to NORMAL, when it was anything else) and is dropped;</li>
 * <li>an absence rule has the one instance without labels, which breaches while the query has too few points.</li>
 * </ul>
 */
public final class AlertEvaluation {

    private static final Map<String, String> NO_LABELS = Map.of();

    private AlertEvaluation() {
    }

    /**
     * The instances after this evaluation: {@code states} and {@code labels} keyed by fingerprint (an instance that
     * resolved after its series disappeared is dropped), and the transitions it made, in fingerprint order.
     */
    public record Outcome(Map<String, InstanceState> states, Map<String, Map<String, String>> labels, List<AlertTransition> transitions) {

        public Outcome {
            states = Map.copyOf(states);
            labels = Map.copyOf(labels);
            transitions = List.copyOf(transitions);
        }
    }

    /**
     * One evaluation without the previous instances' labels: transitions of instances whose series is gone (missing
     * or failed) then carry no labels. Prefer {@link #evaluate(AlertRule, Map, Map, EvaluationInput, Instant)}.
     */
    public static Outcome evaluate(AlertRule rule, Map<String, InstanceState> previous, EvaluationInput input, Instant at) {
        return evaluate(rule, previous, Map.of(), input, at);
    }

    /**
     * One evaluation at {@code at}: {@code previous} states and {@code previousLabels} (as the last outcome returned
     * them, keyed by fingerprint) and what the query read.
     */
    public static Outcome evaluate(AlertRule rule, Map<String, InstanceState> previous, Map<String, Map<String, String>> previousLabels,
                                   EvaluationInput input, Instant at) {
        Step step = new Step(rule, previous, previousLabels, at);
        if (input.isFailed()) {
            if (previous.isEmpty()) {
                step.observe(NO_LABELS, Observation.error(input.error()));
            }
            for (String fingerprint : previous.keySet()) {
                step.observe(step.labelsOf(fingerprint), Observation.error(input.error()));
            }
            return step.outcome();
        }
        List<SeriesSample> samples = input.samples();
        if (rule.query() instanceof AbsenceRuleQuery absence) {
            step.observe(NO_LABELS, Observation.absence(rule.condition(), points(absence, samples)));
        } else if (samples.isEmpty()) {
            step.observe(NO_LABELS, Observation.noData(rule.condition(), 0));
        } else {
            for (Map.Entry<Map<String, String>, List<SeriesSample.Point>> series : merged(samples).entrySet()) {
                step.observe(series.getKey(), Observation.of(rule.condition(), series.getValue()));
            }
        }
        for (String fingerprint : previous.keySet()) {
            step.missing(fingerprint);
        }
        return step.outcome();
    }

    /** The points of an absence rule's query; a zero count of logs is no record, so no data. */
    /**
     * The end of a rule's instances at {@code at}, for the {@code reason} the rule stopped being evaluated as it was
     * (deleted, disabled, changed; {@link #endsInstances}): each one not already normal returns to normal, so that its
     * alert resolves where it was announced (notification groups, live subscribers) instead of being left firing and
     * repeated with nobody to resolve it. In fingerprint order.
     */
    public static List<AlertTransition> ended(Map<String, InstanceState> states, Map<String, Map<String, String>> labels, String reason,
                                              Instant at) {
        List<AlertTransition> ended = new ArrayList<>();
        new TreeMap<>(states).forEach((fingerprint, state) -> {
            if (state.state() != AlertState.NORMAL) {
                ended.add(new AlertTransition(fingerprint, labels.getOrDefault(fingerprint, NO_LABELS), state.state(), AlertState.NORMAL,
                        state.value(), reason, at));
            }
        });
        return ended;
    }

    /**
     * Why an update from {@code before} to {@code after} ends the rule's instances, or null when they carry on: a disabled
     * rule is no longer evaluated; a changed query, condition or label set makes different alerts (other series, other
     * routing), so the old ones resolve and the new evaluation starts from normal (Grafana resets a rule's state on such an
     * edit too). A new name, severity, annotation or interval keeps them.
     */
    public static String endsInstances(AlertRule before, AlertRule after) {
        if (before.enabled() && !after.enabled()) {
            return "rule disabled";
        }
        if (!before.query().equals(after.query()) || !before.condition().equals(after.condition()) || !before.labels().equals(after.labels())
                || before.kind() != after.kind()) {
            return "rule changed";
        }
        return null;
    }

    private static int points(AbsenceRuleQuery absence, List<SeriesSample> samples) {
        boolean logs = absence.inner() instanceof LogRuleQuery;
        return (int) Math.min(Integer.MAX_VALUE, samples.stream().flatMap(sample -> sample.points().stream())
                .filter(point -> !logs || point.value() != 0).count());
    }

    /** The samples by label set: a series the evaluator handed over in parts counts once, with all its points. */
    private static Map<Map<String, String>, List<SeriesSample.Point>> merged(List<SeriesSample> samples) {
        Map<Map<String, String>, List<SeriesSample.Point>> merged = new LinkedHashMap<>();
        for (SeriesSample sample : samples) {
            merged.computeIfAbsent(sample.labels(), labels -> new ArrayList<>()).addAll(sample.points());
        }
        return merged;
    }

    /** The state of one evaluation: instances seen so far, in fingerprint order. */
    private static final class Step {

        private final AlertRule rule;
        private final Map<String, InstanceState> previous;
        private final Map<String, Map<String, String>> previousLabels;
        private final Instant at;
        private final Map<String, InstanceState> states = new TreeMap<>();
        private final Map<String, Map<String, String>> labels = new TreeMap<>();
        private final Map<String, AlertTransition> transitions = new TreeMap<>();

        Step(AlertRule rule, Map<String, InstanceState> previous, Map<String, Map<String, String>> previousLabels, Instant at) {
            this.rule = rule;
            this.previous = previous;
            this.previousLabels = previousLabels;
            this.at = at;
        }

        Map<String, String> labelsOf(String fingerprint) {
            return previousLabels.getOrDefault(fingerprint, NO_LABELS);
        }

        void observe(Map<String, String> seriesLabels, Observation observation) {
            String fingerprint = Fingerprints.of(seriesLabels);
            InstanceState before = previous.getOrDefault(fingerprint, InstanceState.initial(at));
            record(fingerprint, seriesLabels, before, InstanceMachine.next(rule, before, observation, at));
        }

        /** A known instance this evaluation did not observe. */
        void missing(String fingerprint) {
            if (states.containsKey(fingerprint)) {
                return;
            }
            InstanceState before = previous.get(fingerprint);
            int missing = before.missingEvaluations() + 1;
            if (missing < rule.resolveMissingAfter()) {
                states.put(fingerprint, new InstanceState(before.state(), before.stateSince(), before.pendingSince(), before.firingSince(),
                        before.lastBreachAt(), before.value(), before.reason(), missing));
                labels.put(fingerprint, labelsOf(fingerprint));
            } else if (before.state() != AlertState.NORMAL) {
                transitions.put(fingerprint, new AlertTransition(fingerprint, labelsOf(fingerprint), before.state(), AlertState.NORMAL, null,
                        "series missing for " + missing + " evaluations", at));
            }
        }

        private void record(String fingerprint, Map<String, String> seriesLabels, InstanceState before, InstanceState after) {
            states.put(fingerprint, after);
            labels.put(fingerprint, seriesLabels);
            if (after.state() != before.state()) {
                transitions.put(fingerprint, new AlertTransition(fingerprint, seriesLabels, before.state(), after.state(), after.value(),
                        after.reason(), at));
            }
        }

        Outcome outcome() {
            return new Outcome(states, labels, List.copyOf(transitions.values()));
        }
    }
}
