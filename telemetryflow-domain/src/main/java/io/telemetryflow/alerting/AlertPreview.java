package io.telemetryflow.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rule would have done: the state machine replayed at every interval tick over samples read for a past range.
 * The tick at {@code from} is the first, every {@code interval} after it up to {@code to} the next; each tick sees, per
 * series, the points within its {@link EvaluationWindow}, as the evaluator would have read them then (a series without
 * a point there is not returned by the query).
 */
public final class AlertPreview {

    /** Ticks at most: a day at the shortest interval the operator may allow is far below it. */
    public static final int MAX_TICKS = 100_000;

    private AlertPreview() {
    }

    /** A tick where the reduced value of a series went over the threshold ({@code breaching}) or back. */
    public record Crossing(String fingerprint, Instant at, double value, boolean breaching) {
    }

    /** The series as read, the threshold crossings and the transitions, each oldest first. */
    public record PreviewResult(List<SeriesSample> series, List<Crossing> crossings, List<AlertTransition> transitions) {

        public PreviewResult {
            series = List.copyOf(series);
            crossings = List.copyOf(crossings);
            transitions = List.copyOf(transitions);
        }
    }

    /** Replays {@code rule} over {@code samples} from {@code from} to {@code to} (both ticks included when on the interval). */
    public static PreviewResult replay(AlertRule rule, List<SeriesSample> samples, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a preview needs from before to");
        }
        Duration interval = rule.interval();
        if (Duration.between(from, to).dividedBy(interval) >= MAX_TICKS) {
            throw new IllegalArgumentException("a preview may replay at most " + MAX_TICKS + " ticks");
        }
        List<SeriesSample> sorted = samples.stream().map(sample -> new SeriesSample(sample.labels(),
                sample.points().stream().sorted(Comparator.comparing(SeriesSample.Point::at)).toList())).toList();
        boolean thresholds = !(rule.query() instanceof AbsenceRuleQuery);
        Map<String, InstanceState> states = Map.of();
        Map<String, Map<String, String>> labels = Map.of();
        Map<String, Boolean> breaching = new HashMap<>();
        List<Crossing> crossings = new ArrayList<>();
        List<AlertTransition> transitions = new ArrayList<>();
        for (Instant tick = from; !tick.isAfter(to); tick = tick.plus(interval)) {
            EvaluationWindow read = EvaluationWindow.of(rule, tick);
            Instant start = read.from();
            Instant end = read.to();
            List<SeriesSample> window = new ArrayList<>();
            for (SeriesSample series : sorted) {
                List<SeriesSample.Point> points = within(series.points(), start, end);
                if (!points.isEmpty()) {
                    window.add(new SeriesSample(series.labels(), points));
                }
            }
            if (thresholds) {
                crossings(rule.condition(), window, tick, breaching, crossings);
            }
            AlertEvaluation.Outcome outcome = AlertEvaluation.evaluate(rule, states, labels, EvaluationInput.samples(window), tick);
            transitions.addAll(outcome.transitions());
            states = outcome.states();
            labels = outcome.labels();
        }
        return new PreviewResult(samples, crossings, transitions);
    }

    /** Records a crossing for each series whose verdict differs from its verdict at the last tick it had data. */
    private static void crossings(AlertCondition condition, List<SeriesSample> window, Instant tick, Map<String, Boolean> breaching,
                                  List<Crossing> crossings) {
        for (SeriesSample series : window) {
            Observation observation = Observation.of(condition, series.points());
            if (observation.kind() != Observation.Kind.DATA) {
                continue;
            }
            String fingerprint = Fingerprints.of(series.labels());
            Boolean before = breaching.put(fingerprint, observation.breach());
            if (before != null && before != observation.breach()) {
                crossings.add(new Crossing(fingerprint, tick, observation.value(), observation.breach()));
            }
        }
    }

    /** The points in {@code [start, end)} of points sorted by time. */
    private static List<SeriesSample.Point> within(List<SeriesSample.Point> points, Instant start, Instant end) {
        return points.subList(firstAtOrAfter(points, start), firstAtOrAfter(points, end));
    }

    private static int firstAtOrAfter(List<SeriesSample.Point> points, Instant at) {
        int low = 0;
        int high = points.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (points.get(middle).at().isBefore(at)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
