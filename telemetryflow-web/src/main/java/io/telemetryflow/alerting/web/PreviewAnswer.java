package io.telemetryflow.alerting.web;

import io.telemetryflow.alerting.AlertPreview;
import io.telemetryflow.alerting.AlertTransition;
import io.telemetryflow.alerting.Fingerprints;
import io.telemetryflow.alerting.SeriesSample;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The preview as the console draws it: each series with its fingerprint and points {@code [epochMillis, value]}, the
 * threshold crossings and the transitions, oldest first.
 */
public record PreviewAnswer(List<Series> series, List<Crossing> crossings, List<Transition> transitions) {

    public record Series(String fingerprint, Map<String, String> labels, List<List<Number>> points) {
    }

    /** {@code breaching}: the value went over the threshold (true) or back (false). */
    public record Crossing(String fingerprint, Instant at, double value, boolean breaching) {
    }

    public record Transition(String fingerprint, Map<String, String> labels, String from, String to, Instant at, Double value, String reason) {
    }

    static PreviewAnswer of(AlertPreview.PreviewResult result) {
        List<Series> series = result.series().stream().map(PreviewAnswer::series).toList();
        List<Crossing> crossings = result.crossings().stream()
                .map(c -> new Crossing(c.fingerprint(), c.at(), c.value(), c.breaching())).toList();
        List<Transition> transitions = result.transitions().stream().map(PreviewAnswer::transition).toList();
        return new PreviewAnswer(series, crossings, transitions);
    }

    private static Series series(SeriesSample sample) {
        return new Series(Fingerprints.of(sample.labels()), sample.labels(), sample.points().stream()
                .map(point -> Arrays.<Number>asList(point.at().toEpochMilli(), point.value())).toList());
    }

    private static Transition transition(AlertTransition t) {
        return new Transition(t.fingerprint(), t.labels(), t.from().wire(), t.to().wire(), t.at(), t.value(), t.reason());
    }
}
