package io.telemetryflow.alerting;

import static io.telemetryflow.alerting.EvaluationRun.WEB_1;
import static io.telemetryflow.alerting.EvaluationRun.WEB_2;
import static io.telemetryflow.alerting.RuleFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class AlertPreviewTest {

    private static final Instant FROM = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void theReplayReportsCrossingsAndTheTransitionsTheRuleWouldHaveMade() {
        // one point a minute: 0.5 for 10 minutes, 0.95 for 10 minutes, then 0.5 again
        SeriesSample web1 = series(WEB_1, 40, minute -> minute >= 10 && minute < 20 ? 0.95 : 0.5);
        AlertRule rule = rule(r -> {
            r.window = "1m";
            r.pendingFor = "2m";
        });
        AlertPreview.PreviewResult result = AlertPreview.replay(rule, List.of(web1), at(1), FROM.plus(Duration.ofMinutes(30)));
        assertThat(result.series()).containsExactly(web1);
        // the tick at minute m sees the point of minute m-1 (window [m-1m, m))
        assertThat(result.crossings()).containsExactly(
                new AlertPreview.Crossing(Fingerprints.of(WEB_1), at(11), 0.95, true),
                new AlertPreview.Crossing(Fingerprints.of(WEB_1), at(21), 0.5, false));
        assertThat(result.transitions()).extracting(t -> t.from() + "->" + t.to() + "@" + t.at())
                .containsExactly("NORMAL->PENDING@" + at(11), "PENDING->FIRING@" + at(13), "FIRING->RECOVERING@" + at(21),
                        "RECOVERING->NORMAL@" + at(22));
        assertThat(result.transitions().get(1).reason()).isEqualTo("value 0.95 > 0.9 for 2m");
    }

    @Test
    void theEvaluationDelayShiftsTheWindowBack() {
        SeriesSample web1 = series(WEB_1, 30, minute -> minute >= 10 ? 0.95 : 0.5);
        AlertRule rule = rule(r -> {
            r.window = "1m";
            r.pendingFor = "0s";
            r.evaluationDelay = "3m";
        });
        AlertPreview.PreviewResult result = AlertPreview.replay(rule, List.of(web1), at(4), FROM.plus(Duration.ofMinutes(20)));
        assertThat(result.transitions()).singleElement().satisfies(transition -> {
            assertThat(transition.to()).isEqualTo(AlertState.FIRING);
            assertThat(transition.at()).isEqualTo(at(14));
        });
    }

    @Test
    void aWindowIncludesItsStartAndExcludesItsEnd() {
        // points exactly on the minutes; window 2m at tick 10 holds the points of minutes 8 and 9, not that of minute 10
        SeriesSample web1 = series(WEB_1, 20, minute -> minute == 10 ? 100 : minute == 8 ? 10 : 0);
        AlertRule rule = rule(r -> {
            r.window = "2m";
            r.pendingFor = "0s";
            r.reduce = "total";
            r.threshold = 9.0;
            r.query = new AlertRuleSpec.Query(null, "m", null, null, null, null, null, null, null, null);
        });
        AlertPreview.PreviewResult result = AlertPreview.replay(rule, List.of(onTheMinute(web1)), at(10), at(10).plusSeconds(1));
        assertThat(result.transitions()).extracting(t -> t.to() + "@" + t.at() + "=" + t.value()).containsExactly("FIRING@" + at(10) + "=10.0");
    }

    @Test
    void eachSeriesIsItsOwnInstanceAndAGoneSeriesResolves() {
        SeriesSample web1 = series(WEB_1, 30, minute -> 0.95);
        SeriesSample web2 = series(WEB_2, 10, minute -> 0.95);
        AlertRule rule = rule(r -> {
            r.window = "1m";
            r.pendingFor = "0s";
            r.resolveMissingAfter = 2;
        });
        AlertPreview.PreviewResult result = AlertPreview.replay(rule, List.of(web1, web2), at(1), FROM.plus(Duration.ofMinutes(20)));
        assertThat(result.transitions()).extracting(t -> t.labels().get("host.name") + ":" + t.from() + "->" + t.to() + "@" + t.at())
                .containsExactlyInAnyOrder("web-1:NORMAL->FIRING@" + at(1), "web-2:NORMAL->FIRING@" + at(1), "web-2:FIRING->NORMAL@" + at(12));
        assertThat(result.transitions().get(2).labels()).isEqualTo(WEB_2);
        assertThat(result.crossings()).isEmpty();
    }

    @Test
    void anAbsenceRuleReplaysGapsInTheData() {
        SeriesSample heartbeat = series(Map.of(), 30, minute -> 1);
        List<SeriesSample.Point> withGap = new ArrayList<>(heartbeat.points());
        withGap.removeIf(point -> point.at().isAfter(at(9)) && point.at().isBefore(at(20)));
        AlertRule rule = rule(r -> {
            r.absence("metric");
            r.window = "5m";
            r.pendingFor = "0s";
        });
        AlertPreview.PreviewResult result = AlertPreview.replay(rule, List.of(new SeriesSample(Map.of(), withGap)), FROM,
                FROM.plus(Duration.ofMinutes(30)));
        assertThat(result.transitions()).extracting(t -> t.from() + "->" + t.to() + "@" + t.at())
                // the tick at from sees no point yet; the last point before the gap (10:08:30) leaves the 5m window at 10:14
                .containsExactly("NORMAL->FIRING@" + at(0), "FIRING->RECOVERING@" + at(1), "RECOVERING->NORMAL@" + at(2),
                        "NORMAL->FIRING@" + at(14), "FIRING->RECOVERING@" + at(21), "RECOVERING->NORMAL@" + at(22));
        assertThat(result.crossings()).isEmpty();
    }

    @Test
    void aPreviewNeedsARangeAndBoundsItsTicks() {
        AlertRule rule = rule(r -> r.interval = "10s");
        assertThatThrownBy(() -> AlertPreview.replay(rule, List.of(), FROM, FROM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertPreview.replay(rule, List.of(), FROM, FROM.plus(Duration.ofDays(12)))).isInstanceOf(IllegalArgumentException.class);
        assertThat(AlertPreview.replay(rule, List.of(), FROM, FROM.plus(Duration.ofHours(24))).transitions())
                .extracting(AlertTransition::to).containsExactly(AlertState.NO_DATA);
    }

    /** One point a minute, 30 s past each minute from {@link #FROM}, for {@code minutes} minutes. */
    private static SeriesSample series(Map<String, String> labels, int minutes, IntToDoubleFunction value) {
        List<SeriesSample.Point> points = new ArrayList<>();
        for (int minute = minutes - 1; minute >= 0; minute--) {   // newest first: the replay sorts them
            points.add(new SeriesSample.Point(FROM.plus(Duration.ofMinutes(minute)).plusSeconds(30), value.applyAsDouble(minute)));
        }
        return new SeriesSample(labels, points);
    }

    private static SeriesSample onTheMinute(SeriesSample sample) {
        return new SeriesSample(sample.labels(), sample.points().stream()
                .map(point -> new SeriesSample.Point(point.at().minusSeconds(30), point.value())).toList());
    }

    private static Instant at(int minute) {
        return FROM.plus(Duration.ofMinutes(minute));
    }
}
