package io.telemetryflow.telemetry.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricKindsTest {

    private static final Instant EARLY = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant LATE = Instant.parse("2026-11-22T11:00:00Z");

    private static MetricKinds.Catalogued entry(MetricKind kind, boolean monotonic, Instant lastSeen) {
        return new MetricKinds.Catalogued(kind, "ms", "", monotonic, lastSeen);
    }

    @Test
    void valueAggregationsReadTheKindSeenMostRecently() {
        var gauge = entry(MetricKind.GAUGE, false, EARLY);
        var histogram = entry(MetricKind.HISTOGRAM, false, LATE);
        assertThat(MetricKinds.choose(List.of(gauge, histogram), Optional.empty(), MetricAggregation.AVG)).contains(histogram);
        assertThat(MetricKinds.choose(List.of(gauge, histogram), Optional.of(MetricKind.GAUGE), MetricAggregation.AVG)).contains(gauge);
    }

    @Test
    void percentilesPreferHistogramsThenExponentialHistogramsThenSummaries() {
        var summary = entry(MetricKind.SUMMARY, false, LATE);
        var exponential = entry(MetricKind.EXPONENTIAL_HISTOGRAM, false, LATE);
        var histogram = entry(MetricKind.HISTOGRAM, false, EARLY);
        var gauge = entry(MetricKind.GAUGE, false, LATE);
        assertThat(MetricKinds.choose(List.of(summary, exponential, histogram, gauge), Optional.empty(), MetricAggregation.P99))
                .contains(histogram);
        assertThat(MetricKinds.choose(List.of(summary, exponential, gauge), Optional.empty(), MetricAggregation.P99)).contains(exponential);
    }

    @Test
    void rateAndIncreaseNeedAMonotonicSum() {
        var counter = entry(MetricKind.SUM, true, EARLY);
        var gauge = entry(MetricKind.GAUGE, false, LATE);
        assertThat(MetricKinds.choose(List.of(counter, gauge), Optional.empty(), MetricAggregation.RATE)).contains(counter);
        assertThatThrownBy(() -> MetricKinds.choose(List.of(entry(MetricKind.SUM, false, LATE)), Optional.empty(), MetricAggregation.INCREASE))
                .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.field()).isEqualTo("aggregation"))
                .hasMessageContaining("non-monotonic sum");
        assertThatThrownBy(() -> MetricKinds.choose(List.of(), Optional.of(MetricKind.GAUGE), MetricAggregation.P50))
                .isInstanceOf(Rejected.class);
    }

    @Test
    void anUnknownMetricHasNoKind() {
        assertThat(MetricKinds.choose(List.of(), Optional.empty(), MetricAggregation.P50)).isEmpty();
        assertThat(MetricKinds.choose(List.of(entry(MetricKind.GAUGE, false, LATE)), Optional.of(MetricKind.SUM), MetricAggregation.SUM)).isEmpty();
    }
}
