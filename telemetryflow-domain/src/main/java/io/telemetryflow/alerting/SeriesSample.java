package io.telemetryflow.alerting;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One group-by series of a rule's query over its window, as the evaluator read it: its labels and its points, oldest first. */
public record SeriesSample(Map<String, String> labels, List<Point> points) {

    public SeriesSample {
        labels = Map.copyOf(labels);
        points = List.copyOf(points);
    }

    public record Point(Instant at, double value) {
    }
}
