package io.telemetryflow.alerting;

import java.time.Instant;
import java.util.List;

/** What a rule would have done: the state machine replayed at every interval tick over samples read for a past range. */
public final class AlertPreview {

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

    public static PreviewResult replay(AlertRule rule, List<SeriesSample> samples, Instant from, Instant to) {
        throw new UnsupportedOperationException("not yet");
    }
}
