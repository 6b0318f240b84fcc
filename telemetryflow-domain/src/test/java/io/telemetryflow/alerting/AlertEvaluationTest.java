package io.telemetryflow.alerting;

import static io.telemetryflow.alerting.EvaluationRun.WEB_1;
import static io.telemetryflow.alerting.EvaluationRun.WEB_2;
import static io.telemetryflow.alerting.RuleFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.telemetry.metrics.MetricSeriesRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertEvaluationTest {

    private static final AlertRuleSpec.Query UNGROUPED = new AlertRuleSpec.Query(null, "system.cpu.utilization", "avg", null, null, null,
            null, null, List.<MetricSeriesRequest.Filter>of(), null);
    private static final Map<String, String> NONE = Map.of();

    @Test
    void aBreachPendsForPendingForThenFires() {
        EvaluationRun run = new EvaluationRun(rule(r -> { }));
        Instant first = run.at.plus(run.rule.interval());
        run.value(0.95);
        assertThat(run.lastChanges()).containsExactly("NORMAL->PENDING");
        assertThat(run.last.transitions().get(0).reason()).isEqualTo("value 0.95 > 0.9");
        assertThat(run.state().pendingSince()).isEqualTo(first);
        run.value(0.97);
        assertThat(run.lastChanges()).isEmpty();
        assertThat(run.state().state()).isEqualTo(AlertState.PENDING);
        assertThat(run.state().value()).isEqualTo(0.97);
        run.value(0.93);
        AlertTransition firing = run.last.transitions().get(0);
        assertThat(firing.from()).isEqualTo(AlertState.PENDING);
        assertThat(firing.to()).isEqualTo(AlertState.FIRING);
        assertThat(firing.reason()).isEqualTo("value 0.93 > 0.9 for 2m");
        assertThat(firing.value()).isEqualTo(0.93);
        assertThat(firing.at()).isEqualTo(run.at);
        assertThat(firing.labels()).isEqualTo(WEB_1);
        assertThat(firing.fingerprint()).isEqualTo(Fingerprints.of(WEB_1));
        assertThat(run.state().firingSince()).isEqualTo(run.at);
        assertThat(run.state().pendingSince()).isEqualTo(first);
        assertThat(run.state().lastBreachAt()).isEqualTo(run.at);
        run.value(0.99);
        assertThat(run.lastChanges()).isEmpty();
        assertThat(run.state().reason()).isEqualTo("value 0.93 > 0.9 for 2m");
    }

    @Test
    void aDeletedRulesInstancesThatAreNotNormalReturnToNormal() {
        Instant at = Instant.parse("2026-12-06T22:00:00Z");
        Instant before = at.minusSeconds(60);
        Map<String, InstanceState> states = Map.of(
                "b", new InstanceState(AlertState.FIRING, before, before, before, before, 0.97, "value 0.97 > 0.9", 0),
                "a", new InstanceState(AlertState.RECOVERING, before, before, before, before, 0.5, "value 0.5 <= 0.9", 0),
                "c", InstanceState.initial(before),
                "d", new InstanceState(AlertState.PENDING, before, before, null, before, 0.95, "value 0.95 > 0.9", 0));
        List<AlertTransition> ended = AlertEvaluation.ended(states, Map.of("b", WEB_1, "a", WEB_2), "rule deleted", at);
        assertThat(ended).extracting(AlertTransition::fingerprint).containsExactly("a", "b", "d");
        assertThat(ended).extracting(AlertTransition::to).containsOnly(AlertState.NORMAL);
        assertThat(ended).extracting(AlertTransition::from).containsExactly(AlertState.RECOVERING, AlertState.FIRING, AlertState.PENDING);
        assertThat(ended.get(1).labels()).isEqualTo(WEB_1);
        assertThat(ended.get(1).value()).isEqualTo(0.97);
        assertThat(ended.get(2).labels()).isEmpty();
        assertThat(ended).extracting(AlertTransition::reason).containsOnly("rule deleted");
        assertThat(ended).extracting(AlertTransition::at).containsOnly(at);
        assertThat(AlertEvaluation.ended(Map.of("c", InstanceState.initial(before)), Map.of(), "rule deleted", at)).isEmpty();
    }

    @Test
    void disablingOrChangingWhatARuleWatchesEndsItsInstancesButRenamingDoesNot() {
        AlertRule before = rule(r -> { });
        assertThat(AlertEvaluation.endsInstances(before, rule(r -> r.enabled = false))).isEqualTo("rule disabled");
        assertThat(AlertEvaluation.endsInstances(before, rule(r -> r.threshold = 0.8))).isEqualTo("rule changed");
        assertThat(AlertEvaluation.endsInstances(before, rule(r -> r.window = "10m"))).isEqualTo("rule changed");
        assertThat(AlertEvaluation.endsInstances(before, rule(r -> r.query = UNGROUPED))).isEqualTo("rule changed");
        assertThat(AlertEvaluation.endsInstances(before, rule(r -> r.labels = Map.of("team", "checkout")))).isEqualTo("rule changed");
        assertThat(AlertEvaluation.endsInstances(before, rule(r -> {
            r.name = "CPU saturated";
            r.severity = "critical";
            r.annotations = Map.of("summary", "CPU saturated");
            r.interval = "2m";
        }))).isNull();
        assertThat(AlertEvaluation.endsInstances(before, rule(r -> { }))).isNull();
        assertThat(AlertEvaluation.endsInstances(rule(r -> r.enabled = false), before)).isNull();
    }

    @Test
    void pendingForZeroFiresAtOnce() {
        EvaluationRun run = new EvaluationRun(rule(r -> r.pendingFor = "0s"));
        run.value(0.91);
        assertThat(run.lastChanges()).containsExactly("NORMAL->FIRING");
        assertThat(run.state().firingSince()).isEqualTo(run.at);
    }

    @Test
    void aBreachThatClearsBeforePendingForReturnsToNormal() {
        EvaluationRun run = new EvaluationRun(rule(r -> { }));
        run.value(0.95);
        run.value(0.5);
        assertThat(run.lastChanges()).containsExactly("PENDING->NORMAL");
        assertThat(run.last.transitions().get(0).reason()).isEqualTo("value 0.5 is not > 0.9");
        assertThat(run.state().pendingSince()).isNull();
        run.value(0.95);
        run.value(0.95);
        assertThat(run.state().state()).as("the pending clock restarted").isEqualTo(AlertState.PENDING);
    }

    @Test
    void aFiringInstanceRecoversThenResolvesAtTheNextEvaluationWithoutKeepFiringFor() {
        EvaluationRun run = new EvaluationRun(rule(r -> r.pendingFor = "0s"));
        run.value(0.95);
        run.value(0.5);
        assertThat(run.lastChanges()).containsExactly("FIRING->RECOVERING");
        assertThat(run.state().firingSince()).isNotNull();
        run.value(0.4);
        assertThat(run.lastChanges()).containsExactly("RECOVERING->NORMAL");
        assertThat(run.last.transitions().get(0).reason()).isEqualTo("value 0.4 is not > 0.9 for 1m");
        assertThat(run.state().firingSince()).isNull();
    }

    @Test
    void keepFiringForHoldsRecoveringAndABreachMeanwhileFiresAgainWithoutANewStart() {
        EvaluationRun run = new EvaluationRun(rule(r -> {
            r.pendingFor = "0s";
            r.keepFiringFor = "3m";
        }));
        run.value(0.95);
        Instant firingSince = run.state().firingSince();
        run.value(0.5);
        run.value(0.5);
        run.value(0.5);
        assertThat(run.state().state()).isEqualTo(AlertState.RECOVERING);
        run.value(0.96);
        assertThat(run.lastChanges()).containsExactly("RECOVERING->FIRING");
        assertThat(run.state().firingSince()).isEqualTo(firingSince);
        run.value(0.5);
        run.value(0.5);
        run.value(0.5);
        assertThat(run.lastChanges()).isEmpty();
        run.value(0.5);
        assertThat(run.lastChanges()).containsExactly("RECOVERING->NORMAL");
        assertThat(run.last.transitions().get(0).reason()).endsWith("for 3m");
    }

    @Test
    void withARecoveryThresholdAFiringInstanceHoldsInsideTheBand() {
        EvaluationRun run = new EvaluationRun(rule(r -> {
            r.pendingFor = "0s";
            r.recoveryThreshold = 0.8;
        }));
        run.value(0.95);
        run.value(0.85);
        assertThat(run.lastChanges()).isEmpty();
        assertThat(run.state().state()).isEqualTo(AlertState.FIRING);
        run.value(0.8);
        assertThat(run.lastChanges()).containsExactly("FIRING->RECOVERING");
        assertThat(run.last.transitions().get(0).reason()).isEqualTo("value 0.8 is not > recovery threshold 0.8");
        run.value(0.85);
        assertThat(run.lastChanges()).as("inside the band a recovering instance neither fires nor resolves").isEmpty();
        run.value(0.7);
        assertThat(run.lastChanges()).containsExactly("RECOVERING->NORMAL");
        run.value(0.85);
        assertThat(run.lastChanges()).as("nor does a normal one pend").isEmpty();
    }

    @Test
    void hysteresisWorksDownwardsForLowerThanRules() {
        EvaluationRun run = new EvaluationRun(rule(r -> {
            r.operator = "lt";
            r.threshold = 10.0;
            r.recoveryThreshold = 20.0;
            r.pendingFor = "0s";
        }));
        run.value(5);
        assertThat(run.last.transitions().get(0).reason()).isEqualTo("value 5 < 10");
        run.value(15);
        run.value(9);
        run.value(19.5);
        assertThat(run.allChanges()).containsExactly("NORMAL->FIRING");
        run.value(20);
        assertThat(run.lastChanges()).containsExactly("FIRING->RECOVERING");
        assertThat(run.last.transitions().get(0).reason()).isEqualTo("value 20 is not < recovery threshold 20");
    }

    @Test
    void anAbsenceRuleWhoseQueryFailsFollowsOnError() {
        EvaluationRun run = new EvaluationRun(rule(r -> {
            r.absence("metric");
            r.pendingFor = "0s";
            r.onError = "keep_last";
        }));
        run.nothing();
        run.tick(EvaluationInput.failed("timeout"));
        assertThat(run.allChanges()).containsExactly("NORMAL->FIRING");
        assertThat(run.state(NONE).state()).isEqualTo(AlertState.FIRING);
    }

    @Test
    void reasonsShowRoundedValuesAndReadableDurations() {
        assertThat(RuleFields.number(0.930000001)).isEqualTo("0.93");
        assertThat(RuleFields.number(1500)).isEqualTo("1500");
        assertThat(RuleFields.number(1.0 / 3)).isEqualTo("0.333333");
        assertThat(RuleFields.number(-2.5e-7)).isEqualTo("-0.00000025");
        assertThat(RuleFields.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(RuleFields.format(Duration.ofHours(25))).isEqualTo("1d1h");
        assertThat(RuleFields.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void aValueFlappingAroundTheThresholdFiresOnceWithARecoveryThreshold() {
        EvaluationRun hysteresis = new EvaluationRun(rule(r -> {
            r.pendingFor = "0s";
            r.recoveryThreshold = 0.8;
        }));
        EvaluationRun plain = new EvaluationRun(rule(r -> r.pendingFor = "0s"));
        for (int i = 0; i < 30; i++) {
            double value = i % 2 == 0 ? 0.91 : 0.89;
            hysteresis.value(value);
            plain.value(value);
        }
        assertThat(hysteresis.allChanges()).containsExactly("NORMAL->FIRING");
        assertThat(plain.allChanges().stream().filter(change -> change.endsWith("->FIRING")).count())
                .as("without hysteresis every swing fires again").isEqualTo(15);
    }

    @Test
    void aValueFlappingAroundTheRecoveryThresholdResolvesOnceAndDoesNotFireAgain() {
        EvaluationRun run = new EvaluationRun(rule(r -> {
            r.pendingFor = "0s";
            r.recoveryThreshold = 0.8;
            r.keepFiringFor = "2m";
        }));
        run.value(0.95);
        for (int i = 0; i < 20; i++) {
            run.value(i % 2 == 0 ? 0.79 : 0.81);
        }
        assertThat(run.allChanges()).containsExactly("NORMAL->FIRING", "FIRING->RECOVERING", "RECOVERING->NORMAL");
    }

    @Test
    void noDataInItsOwnStateAndBack() {
        EvaluationRun run = new EvaluationRun(rule(r -> {
            r.query = UNGROUPED;
            r.pendingFor = "0s";
        }));
        run.value(NONE, 0.95);
        run.nothing();
        assertThat(run.lastChanges()).containsExactly("FIRING->NO_DATA");
        assertThat(run.last.transitions().get(0).reason()).isEqualTo("no data for 5m");
        assertThat(run.last.transitions().get(0).value()).isNull();
        assertThat(run.state(NONE).firingSince()).isNull();
        run.nothing();
        assertThat(run.lastChanges()).isEmpty();
        run.value(NONE, 0.5);
        assertThat(run.lastChanges()).containsExactly("NO_DATA->NORMAL");
        run.nothing();
        run.value(NONE, 0.95);
        assertThat(run.lastChanges()).containsExactly("NO_DATA->FIRING");
    }

    @Test
    void noDataMappedToFiringPendsAndFires() {
        EvaluationRun run = new EvaluationRun(rule(r -> {
            r.query = UNGROUPED;
            r.noData = "firing";
        }));
        run.nothing();
        assertThat(run.lastChanges()).containsExactly("NORMAL->PENDING");
        run.nothing();
        run.nothing();
        assertThat(run.lastChanges()).containsExactly("PENDING->FIRING");
        assertThat(run.last.transitions().get(0).reason()).isEqualTo("no data for 5m for 2m");
    }

    @Test
    void noDataMappedToNormalRecovers() {
        EvaluationRun run = new EvaluationRun(rule(r -> {
            r.query = UNGROUPED;
            r.noData = "normal";
            r.pendingFor = "0s";
        }));
        run.value(NONE, 0.95);
        run.nothing();
        assertThat(run.lastChanges()).containsExactly("FIRING->RECOVERING");
        run.nothing();
        assertThat(run.lastChanges()).containsExactly("RECOVERING->NORMAL");
    }

    @Test
    void noDataKeepingTheLastStateChangesNothing() {
        EvaluationRun run = new EvaluationRun(rule(r -> {
            r.query = UNGROUPED;
            r.noData = "keep_last";
        }));
        run.value(NONE, 0.95);
        InstanceState pending = run.state(NONE);
        run.nothing();
        run.nothing();
        run.nothing();
        assertThat(run.allChanges()).containsExactly("NORMAL->PENDING");
        assertThat(run.state(NONE).pendingSince()).isEqualTo(pending.pendingSince());
        run.value(NONE, 0.95);
        assertThat(run.lastChanges()).containsExactly("PENDING->FIRING");
    }

    @Test
    void fewerPointsThanMinDataPointsIsNoData() {
        EvaluationRun run = new EvaluationRun(rule(r -> r.minDataPoints = 3));
        run.tick(EvaluationInput.samples(List.of(run.sample(WEB_1, 0.95, 0.95))));
        assertThat(run.lastChanges()).containsExactly("NORMAL->NO_DATA");
        assertThat(run.last.transitions().get(0).reason()).isEqualTo("only 2 of 3 data points in 5m");
        run.tick(EvaluationInput.samples(List.of(run.sample(WEB_1, 0.95, 0.95, 0.95))));
        assertThat(run.lastChanges()).containsExactly("NO_DATA->PENDING");
    }

    @Test
    void nanPointsAreNoPoints() {
        EvaluationRun run = new EvaluationRun(rule(r -> r.pendingFor = "0s"));
        run.tick(EvaluationInput.samples(List.of(run.sample(WEB_1, Double.NaN, Double.NaN))));
        assertThat(run.lastChanges()).containsExactly("NORMAL->NO_DATA");
        run.tick(EvaluationInput.samples(List.of(run.sample(WEB_1, Double.NaN, 0.95, Double.NaN))));
        assertThat(run.lastChanges()).containsExactly("NO_DATA->FIRING");
        assertThat(run.state().value()).isEqualTo(0.95);
    }

    @Test
    void aFailedQueryPutsEveryKnownInstanceInErrorWithItsLabels() {
        EvaluationRun run = new EvaluationRun(rule(r -> r.pendingFor = "0s"));
        run.tick(EvaluationInput.samples(List.of(run.sample(WEB_1, 0.95), run.sample(WEB_2, 0.1))));
        run.tick(EvaluationInput.failed("ClickHouse unavailable"));
        assertThat(run.last.transitions()).extracting(AlertTransition::labels, AlertTransition::from, AlertTransition::to, AlertTransition::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(WEB_1, AlertState.FIRING, AlertState.ERROR, "query failed: ClickHouse unavailable"),
                        org.assertj.core.groups.Tuple.tuple(WEB_2, AlertState.NORMAL, AlertState.ERROR, "query failed: ClickHouse unavailable"));
        assertThat(run.last.labels()).containsValues(WEB_1, WEB_2);
        run.value(0.95);
        assertThat(run.lastChanges()).containsExactly("ERROR->FIRING");
        assertThat(run.state(WEB_2).missingEvaluations()).as("an error is not a missing series").isEqualTo(1);
    }

    @Test
    void aFailedQueryWithNoKnownInstanceIsAnErrorOfTheRule() {
        EvaluationRun run = new EvaluationRun(rule(r -> { }));
        run.tick(EvaluationInput.failed("timeout"));
        assertThat(run.last.transitions()).singleElement().satisfies(transition -> {
            assertThat(transition.labels()).isEmpty();
            assertThat(transition.to()).isEqualTo(AlertState.ERROR);
        });
    }

    @Test
    void errorsMappedToFiringOrKeptFollowTheMapping() {
        EvaluationRun firing = new EvaluationRun(rule(r -> {
            r.onError = "firing";
            r.pendingFor = "0s";
        }));
        firing.value(0.1);
        firing.tick(EvaluationInput.failed("boom"));
        assertThat(firing.lastChanges()).containsExactly("NORMAL->FIRING");
        assertThat(firing.last.transitions().get(0).reason()).isEqualTo("query failed: boom");
        EvaluationRun kept = new EvaluationRun(rule(r -> {
            r.onError = "keep_last";
            r.pendingFor = "0s";
        }));
        kept.value(0.95);
        kept.tick(EvaluationInput.failed("boom"));
        kept.tick(EvaluationInput.failed("boom"));
        assertThat(kept.allChanges()).containsExactly("NORMAL->FIRING");
        assertThat(kept.state().state()).isEqualTo(AlertState.FIRING);
    }

    @Test
    void aSeriesThatDisappearsResolvesAfterResolveMissingAfterEvaluationsAndIsDropped() {
        EvaluationRun run = new EvaluationRun(rule(r -> {
            r.pendingFor = "0s";
            r.resolveMissingAfter = 3;
        }));
        run.tick(EvaluationInput.samples(List.of(run.sample(WEB_1, 0.95), run.sample(WEB_2, 0.95))));
        run.value(WEB_1, 0.95);
        assertThat(run.state(WEB_2).missingEvaluations()).isEqualTo(1);
        assertThat(run.state(WEB_2).state()).isEqualTo(AlertState.FIRING);
        run.value(WEB_1, 0.95);
        assertThat(run.state(WEB_2).missingEvaluations()).isEqualTo(2);
        run.value(WEB_1, 0.95);
        assertThat(run.last.transitions()).singleElement().satisfies(transition -> {
            assertThat(transition.labels()).isEqualTo(WEB_2);
            assertThat(transition.from()).isEqualTo(AlertState.FIRING);
            assertThat(transition.to()).isEqualTo(AlertState.NORMAL);
            assertThat(transition.reason()).isEqualTo("series missing for 3 evaluations");
        });
        assertThat(run.states).containsOnlyKeys(Fingerprints.of(WEB_1));
        assertThat(run.labels).containsOnlyKeys(Fingerprints.of(WEB_1));
    }

    @Test
    void aSeriesThatComesBackStartsCountingAgainAndANormalOneIsDroppedSilently() {
        EvaluationRun run = new EvaluationRun(rule(r -> r.resolveMissingAfter = 2));
        run.tick(EvaluationInput.samples(List.of(run.sample(WEB_1, 0.1), run.sample(WEB_2, 0.1))));
        run.value(WEB_1, 0.1);
        run.tick(EvaluationInput.samples(List.of(run.sample(WEB_1, 0.1), run.sample(WEB_2, 0.1))));
        assertThat(run.state(WEB_2).missingEvaluations()).isZero();
        run.value(WEB_1, 0.1);
        run.value(WEB_1, 0.1);
        assertThat(run.transitions).isEmpty();
        assertThat(run.states).containsOnlyKeys(Fingerprints.of(WEB_1));
    }

    @Test
    void whenAGroupedQueryReturnsNothingTheRuleHasNoDataAndItsSeriesGoMissing() {
        EvaluationRun run = new EvaluationRun(rule(r -> {
            r.pendingFor = "0s";
            r.resolveMissingAfter = 1;
        }));
        run.value(0.95);
        run.nothing();
        assertThat(run.last.transitions()).extracting(AlertTransition::labels, AlertTransition::to)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(WEB_1, AlertState.NORMAL),
                        org.assertj.core.groups.Tuple.tuple(NONE, AlertState.NO_DATA));
    }

    @Test
    void anAbsenceRuleFiresWithoutDataAndRecoversWithIt() {
        EvaluationRun run = new EvaluationRun(rule(r -> {
            r.absence("metric");
            r.pendingFor = "1m";
        }));
        run.value(NONE, 3);
        assertThat(run.allChanges()).isEmpty();
        run.nothing();
        assertThat(run.lastChanges()).containsExactly("NORMAL->PENDING");
        assertThat(run.last.transitions().get(0).reason()).isEqualTo("no data for 5m");
        run.nothing();
        assertThat(run.lastChanges()).containsExactly("PENDING->FIRING");
        assertThat(run.last.transitions().get(0).reason()).isEqualTo("no data for 5m for 1m");
        run.tick(EvaluationInput.samples(List.of(run.sample(WEB_1, 1), run.sample(WEB_2, 2))));
        assertThat(run.lastChanges()).containsExactly("FIRING->RECOVERING");
        assertThat(run.last.transitions().get(0).reason()).isEqualTo("2 data points in 5m");
        assertThat(run.states).containsOnlyKeys(Fingerprints.of(NONE));
    }

    @Test
    void anAbsenceRuleOnLogsTakesZeroCountsForNoRecords() {
        EvaluationRun run = new EvaluationRun(rule(r -> {
            r.absence("logs");
            r.query = new AlertRuleSpec.Query("logs", null, null, "checkout", null, null, null, null, null, null);
            r.pendingFor = "0s";
            r.minDataPoints = 2;
        }));
        run.tick(EvaluationInput.samples(List.of(run.sample(NONE, 0, 0, 0))));
        assertThat(run.lastChanges()).containsExactly("NORMAL->FIRING");
        run.tick(EvaluationInput.samples(List.of(run.sample(NONE, 0, 4, 0))));
        assertThat(run.lastChanges()).isEmpty();
        assertThat(run.state(NONE).reason()).isEqualTo("no data for 5m");
        assertThat(run.state(NONE).value()).isEqualTo(1);
        run.tick(EvaluationInput.samples(List.of(run.sample(NONE, 3, 4, 0))));
        assertThat(run.lastChanges()).containsExactly("FIRING->RECOVERING");
    }

    @Test
    void theWindowReducesAsTheRuleSays() {
        assertThat(reduced("avg", "gt", 4, 1, 5, 3)).isEqualTo(3.0);
        assertThat(reduced("total", "gt", 4, 1, 5, 3)).isEqualTo(9.0);
        assertThat(reduced("last", "gt", 4, 1, 5, 3)).isEqualTo(3.0);
        assertThat(reduced("at_least_once", "gt", 4, 1, 5, 3)).isEqualTo(5.0);
        assertThat(reduced("always", "gt", 4, 1, 5, 3)).isEqualTo(1.0);
        assertThat(reduced("at_least_once", "lt", 4, 1, 5, 3)).isEqualTo(1.0);
        assertThat(reduced("always", "lt", 4, 1, 5, 3)).isEqualTo(5.0);
        assertThat(reduced("at_least_once", "eq", 5, 1, 5, 3)).isEqualTo(5.0);
        assertThat(reduced("always", "neq", 5, 1, 5, 3)).isEqualTo(5.0);
        assertThat(reduced("always", "neq", 7, 1, 5, 3)).isEqualTo(3.0);
        assertThat(breaches("at_least_once", "gt", 4, 1, 5, 3)).isTrue();
        assertThat(breaches("always", "gt", 4, 1, 5, 3)).isFalse();
        assertThat(breaches("always", "gt", 0.5, 1, 5, 3)).isTrue();
        assertThat(breaches("avg", "gte", 3, 1, 5, 3)).isTrue();
        assertThat(breaches("last", "lte", 2.9, 1, 5, 3)).isFalse();
        assertThat(breaches("total", "eq", 9, 1, 5, 3)).isTrue();
        assertThat(breaches("at_least_once", "neq", 1, 1, 1, 1)).isFalse();
        assertThat(breaches("always", "eq", 1, 1, 1, 1)).isTrue();
    }

    @Test
    void lastMeansTheLatestPointWhateverTheOrderItArrivedIn() {
        List<SeriesSample.Point> points = List.of(new SeriesSample.Point(Instant.parse("2026-12-06T12:00:30Z"), 7),
                new SeriesSample.Point(Instant.parse("2026-12-06T12:00:10Z"), 2));
        assertThat(WindowReduction.value(AlertCondition.Reduce.LAST, AlertCondition.Operator.GT, 0, points)).isEqualTo(7);
    }

    @Test
    void seriesHandedOverInPartsCountAsOne() {
        EvaluationRun run = new EvaluationRun(rule(r -> {
            r.minDataPoints = 2;
            r.pendingFor = "0s";
        }));
        run.tick(EvaluationInput.samples(List.of(run.sample(WEB_1, 0.95), run.sample(WEB_1, 0.97))));
        assertThat(run.lastChanges()).containsExactly("NORMAL->FIRING");
        assertThat(run.state().value()).isEqualTo(0.96, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void withoutPreviousLabelsAGoneSeriesResolvesWithoutLabels() {
        AlertRule rule = rule(r -> {
            r.pendingFor = "0s";
            r.resolveMissingAfter = 1;
        });
        Instant at = RuleFixture.NOW;
        AlertEvaluation.Outcome firing = AlertEvaluation.evaluate(rule, Map.of(), EvaluationInput.samples(List.of(new SeriesSample(WEB_1,
                List.of(new SeriesSample.Point(at.minusSeconds(5), 0.95))))), at);
        AlertEvaluation.Outcome gone = AlertEvaluation.evaluate(rule, firing.states(), EvaluationInput.samples(List.of(new SeriesSample(WEB_2,
                List.of(new SeriesSample.Point(at.plusSeconds(55), 0.1))))), at.plus(Duration.ofMinutes(1)));
        assertThat(gone.transitions()).singleElement().satisfies(transition -> {
            assertThat(transition.fingerprint()).isEqualTo(Fingerprints.of(WEB_1));
            assertThat(transition.labels()).isEmpty();
        });
    }

    private static double reduced(String reduce, String operator, double threshold, double... values) {
        return WindowReduction.value(condition(reduce, operator).reduce(), condition(reduce, operator).operator(), threshold, points(values));
    }

    private static boolean breaches(String reduce, String operator, double threshold, double... values) {
        AlertCondition condition = condition(reduce, operator);
        return WindowReduction.holds(condition.reduce(), condition.operator(), threshold, points(values));
    }

    private static AlertCondition condition(String reduce, String operator) {
        return rule(r -> {
            r.reduce = reduce;
            r.operator = operator;
        }).condition();
    }

    private static List<SeriesSample.Point> points(double... values) {
        Instant start = RuleFixture.NOW;
        return java.util.stream.IntStream.range(0, values.length).mapToObj(i -> new SeriesSample.Point(start.plusSeconds(i), values[i])).toList();
    }
}
