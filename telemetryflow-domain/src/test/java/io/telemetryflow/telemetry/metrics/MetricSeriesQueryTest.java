package io.telemetryflow.telemetry.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.QueryLimits;
import io.telemetryflow.telemetry.Step;
import io.telemetryflow.telemetry.TimeRange;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricSeriesQueryTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    static MetricSeriesRequest request(String metric, String from, String step, String aggregation, List<String> groupBy, Integer limit) {
        return new MetricSeriesRequest(metric, null, from, null, step, aggregation, null, null, groupBy, null, limit);
    }

    private static MetricSeriesQuery parse(MetricSeriesRequest request) {
        return MetricSeriesQuery.parse(request, NOW, QueryLimits.defaults());
    }

    @Test
    void defaultsAreTheLastHourAbout120PointsAvgAndAHundredSeries() {
        MetricSeriesQuery query = parse(request("http.server.duration", null, null, null, null, null));
        assertThat(query.range().length().toHours()).isEqualTo(1);
        assertThat(query.stepSeconds()).isEqualTo(30);
        assertThat(query.aggregation()).isEqualTo(MetricAggregation.AVG);
        assertThat(query.limit()).isEqualTo(100);
        assertThat(query.groupBy()).isEmpty();
    }

    @Test
    void theDefaultStepIsTheSmallestRoundStepGivingAtMost120Points() {
        assertThat(parse(request("m", "now-5m", null, null, null, null)).stepSeconds()).isEqualTo(5);
        assertThat(parse(request("m", "now-1m", null, null, null, null)).stepSeconds()).isEqualTo(1);
        assertThat(parse(request("m", "now-24h", null, null, null, null)).stepSeconds()).isEqualTo(900);
        assertThat(parse(request("m", "now-7d", null, null, null, null)).stepSeconds()).isEqualTo(7200);
        assertThat(parse(request("m", "now-7d", null, null, null, null)).range().length().toSeconds() / 7200).isLessThanOrEqualTo(120);
    }

    @Test
    void stepsAreSecondsOrNumbersWithAUnit() {
        assertThat(parse(request("m", null, "60", null, null, null)).stepSeconds()).isEqualTo(60);
        assertThat(parse(request("m", null, "30s", null, null, null)).stepSeconds()).isEqualTo(30);
        assertThat(parse(request("m", null, "5m", null, null, null)).stepSeconds()).isEqualTo(300);
        assertThat(parse(request("m", null, "1h", null, null, null)).stepSeconds()).isEqualTo(3600);
        for (String bad : List.of("0", "-5", "1.5", "5 m", "5w", "abc", "1s; DROP TABLE otel_logs")) {
            assertThatThrownBy(() -> parse(request("m", null, bad, null, null, null))).as(bad)
                    .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.field()).isEqualTo("step"));
        }
    }

    @Test
    void moreThan11000PointsPerSeriesAreRefused() {
        // one hour at 1 s: 3600 points, fine; one day at 1 s: 86400, refused
        assertThat(parse(request("m", "now-1h", "1s", null, null, null)).stepSeconds()).isEqualTo(1);
        assertThatThrownBy(() -> parse(request("m", "now-1d", "1s", null, null, null)))
                .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.field()).isEqualTo("step"));
        TimeRange aligned = TimeRange.of(Instant.parse("2026-11-22T00:00:00Z"), Instant.parse("2026-11-22T01:00:00Z"));
        assertThat(Step.buckets(aligned, 60)).isEqualTo(60);
        TimeRange unaligned = TimeRange.of(Instant.parse("2026-11-22T00:00:30Z"), Instant.parse("2026-11-22T01:00:30Z"));
        assertThat(Step.buckets(unaligned, 60)).isEqualTo(61);
    }

    @Test
    void badFieldsAreRefusedNamingTheField() {
        assertRejected(request(null, null, null, null, null, null), "metric");
        assertRejected(request(" ", null, null, null, null, null), "metric");
        assertRejected(request("m".repeat(257), null, null, null, null, null), "metric");
        assertRejected(request("m", null, null, "median", null, null), "aggregation");
        assertRejected(request("m", "yesterday", null, null, null, null), "from");
        assertRejected(request("m", null, null, null, List.of("a", "b", "c", "d", "e", "f"), null), "groupBy");
        assertRejected(request("m", null, null, null, List.of("a", "a"), null), "groupBy");
        assertRejected(request("m", null, null, null, Collections.singletonList(null), null), "groupBy");
        assertRejected(request("m", null, null, null, List.of("resource."), null), "groupBy");
        assertRejected(request("m", null, null, null, null, 0), "limit");
        assertRejected(request("m", null, null, null, null, 1001), "limit");
        assertRejected(new MetricSeriesRequest("m", "counter", null, null, null, null, null, null, null, null, null), "type");
        assertRejected(new MetricSeriesRequest("m", null, null, null, null, null, null,
                List.of(new MetricSeriesRequest.Filter("k", "like", "v", null)), null, null, null), "filters.op");
        assertThatThrownBy(() -> MetricSeriesQuery.parse(null, NOW, QueryLimits.defaults())).isInstanceOf(Rejected.class);
    }

    @Test
    void countersReadOneStepBeforeTheRange() {
        MetricSeriesQuery query = parse(request("m", "now-1h", "1m", "rate", null, null));
        assertThat(query.readRange(true).from()).isEqualTo(query.range().from().minusSeconds(60));
        assertThat(query.readRange(false)).isEqualTo(query.range());
    }

    private static void assertRejected(MetricSeriesRequest request, String field) {
        assertThatThrownBy(() -> parse(request)).as(field)
                .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.field()).isEqualTo(field));
    }
}
