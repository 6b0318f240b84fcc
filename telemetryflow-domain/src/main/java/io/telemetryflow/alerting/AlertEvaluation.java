package io.telemetryflow.alerting;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The alert state machine: one evaluation of one rule over what its query read. */
public final class AlertEvaluation {

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

    public static Outcome evaluate(AlertRule rule, Map<String, InstanceState> previous, EvaluationInput input, Instant at) {
        throw new UnsupportedOperationException("not yet");
    }
}
