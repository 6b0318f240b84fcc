package io.telemetryflow.alerting;

import java.util.List;
import java.util.Objects;

/** What one evaluation read: the series of the window, or the reason the query failed. */
public record EvaluationInput(List<SeriesSample> samples, String error) {

    public EvaluationInput {
        samples = samples == null ? null : List.copyOf(samples);
        if ((samples == null) == (error == null)) {
            throw new IllegalArgumentException("an evaluation input is either samples or an error");
        }
    }

    public static EvaluationInput samples(List<SeriesSample> samples) {
        return new EvaluationInput(Objects.requireNonNull(samples, "samples"), null);
    }

    public static EvaluationInput failed(String error) {
        return new EvaluationInput(null, Objects.requireNonNull(error, "error"));
    }

    public boolean isFailed() {
        return error != null;
    }
}
