package io.telemetryflow.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** Random rules fed random sequences (values around the thresholds, gaps, failures, series coming and going); the invariants always hold. */
class AlertStateMachinePropertyTest {

    private static final String[] MAPPINGS_NO_DATA = {"firing", "normal", "no_data", "keep_last"};
    private static final String[] MAPPINGS_ERROR = {"firing", "normal", "error", "keep_last"};
    private static final List<Map<String, String>> SERIES = List.of(Map.of("host.name", "a"), Map.of("host.name", "b"), Map.of("host.name", "c"));

    @RepeatedTest(100)
    void randomSequencesKeepTheInvariants(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        int pendingMinutes = random.nextInt(4);
        int keepMinutes = random.nextInt(4);
        boolean hysteresis = random.nextBoolean();
        AlertRule rule = RuleFixture.rule(r -> {
            r.pendingFor = pendingMinutes + "m";
            r.keepFiringFor = keepMinutes + "m";
            r.recoveryThreshold = hysteresis ? 0.8 : null;
            r.noData = MAPPINGS_NO_DATA[random.nextInt(4)];
            r.onError = MAPPINGS_ERROR[random.nextInt(4)];
            r.resolveMissingAfter = 1 + random.nextInt(3);
            r.reduce = new String[] {"avg", "last", "at_least_once", "always", "total"}[random.nextInt(5)];
            r.minDataPoints = 1 + random.nextInt(2);
        });
        EvaluationRun run = new EvaluationRun(rule);
        Map<String, AlertState> known = new HashMap<>();
        Map<String, Instant> recoveringSince = new HashMap<>();
        for (int tick = 0; tick < 120; tick++) {
            Map<String, InstanceState> before = run.states;
            AlertEvaluation.Outcome outcome = run.tick(input(random, run));
            for (AlertTransition transition : outcome.transitions()) {
                assertThat(transition.from()).as("no self transition").isNotEqualTo(transition.to());
                assertThat(transition.from()).as("from is the state it had").isEqualTo(known.getOrDefault(transition.fingerprint(), AlertState.NORMAL));
                assertThat(transition.at()).isEqualTo(run.at);
                assertThat(transition.reason()).isNotBlank();
                assertThat(transition.fingerprint()).isEqualTo(Fingerprints.of(transition.labels()));
                if (transition.to() == AlertState.RECOVERING) {
                    assertThat(transition.from()).as("only a firing instance recovers").isEqualTo(AlertState.FIRING);
                    recoveringSince.put(transition.fingerprint(), transition.at());
                }
                if (transition.from() == AlertState.RECOVERING && transition.to() == AlertState.NORMAL
                        && !transition.reason().startsWith("series missing")) {
                    assertThat(Duration.between(recoveringSince.get(transition.fingerprint()), transition.at()))
                            .as("keepFiringFor is kept").isGreaterThanOrEqualTo(Duration.ofMinutes(keepMinutes));
                }
                if (transition.to() == AlertState.FIRING && transition.from() != AlertState.RECOVERING && pendingMinutes > 0) {
                    assertThat(transition.from()).as("with pendingFor, firing comes after pending").isEqualTo(AlertState.PENDING);
                    InstanceState pending = before.get(transition.fingerprint());
                    assertThat(Duration.between(pending.pendingSince(), transition.at())).isGreaterThanOrEqualTo(Duration.ofMinutes(pendingMinutes));
                }
                known.put(transition.fingerprint(), transition.to());
            }
            for (Map.Entry<String, InstanceState> state : outcome.states().entrySet()) {
                assertThat(state.getValue().state()).as("states agree with the transitions").isEqualTo(known.getOrDefault(state.getKey(), AlertState.NORMAL));
                assertThat(state.getValue().missingEvaluations()).isLessThan(rule.resolveMissingAfter());
                assertThat(outcome.labels()).containsKey(state.getKey());
                boolean active = state.getValue().state() == AlertState.FIRING || state.getValue().state() == AlertState.RECOVERING;
                assertThat(state.getValue().firingSince() != null).as("firingSince is set exactly while firing or recovering").isEqualTo(active);
                assertThat(state.getValue().pendingSince() != null || state.getValue().state() != AlertState.PENDING).isTrue();
            }
            known.keySet().removeIf(fingerprint -> !outcome.states().containsKey(fingerprint));
        }
    }

    @Test
    void withHysteresisValuesThatNeverReachTheRecoveryThresholdFireOnceAndStayFiring() {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            EvaluationRun run = new EvaluationRun(RuleFixture.rule(r -> {
                r.pendingFor = "0s";
                r.recoveryThreshold = 0.8;
                r.reduce = "last";
            }));
            run.value(0.95);
            for (int tick = 0; tick < 60; tick++) {
                run.value(0.8 + 1e-9 + random.nextDouble() * 0.2);   // (0.8, 1.0]: around the threshold, above the recovery threshold
            }
            assertThat(run.allChanges()).containsExactly("NORMAL->FIRING");
        }
    }

    /** Per series: a value around the thresholds, too few points, or absent; sometimes the whole query fails or returns nothing. */
    private static EvaluationInput input(Random random, EvaluationRun run) {
        int roll = random.nextInt(20);
        if (roll == 0) {
            return EvaluationInput.failed("random failure");
        }
        if (roll == 1) {
            return EvaluationInput.samples(List.of());
        }
        List<SeriesSample> samples = new ArrayList<>();
        for (Map<String, String> series : SERIES) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                continue;
            }
            double[] values = new double[kind == 1 ? 1 : 2];
            for (int i = 0; i < values.length; i++) {
                values[i] = 0.7 + random.nextDouble() * 0.3;
            }
            samples.add(run.sample(series, values));
        }
        return EvaluationInput.samples(samples);
    }
}
