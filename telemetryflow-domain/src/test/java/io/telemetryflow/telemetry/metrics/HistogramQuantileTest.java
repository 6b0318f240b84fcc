package io.telemetryflow.telemetry.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistogramQuantileTest {

    private static final double NONE = Double.NaN;

    @Test
    void interpolatesLinearlyInsideTheBucketHoldingTheRankAsPrometheusDoes() {
        // bounds 1, 2, 4: counts 10 in (0,1], 20 in (1,2], 10 in (2,4], 0 above
        var buckets = HistogramQuantile.explicit(List.of(1.0, 2.0, 4.0), List.of(10L, 20L, 10L, 0L), NONE, NONE);
        assertThat(HistogramQuantile.quantile(0.5, buckets)).isCloseTo(1.5, within(1e-12));     // rank 20: 10 into (1,2]'s 20
        assertThat(HistogramQuantile.quantile(0.25, buckets)).isCloseTo(1.0, within(1e-12));    // rank 10: the end of (0,1]
        assertThat(HistogramQuantile.quantile(0.9, buckets)).isCloseTo(3.2, within(1e-12));     // rank 36: 6 of 10 into (2,4]
        assertThat(HistogramQuantile.quantile(0.05, buckets)).isCloseTo(0.2, within(1e-12));    // first bucket starts at 0
    }

    @Test
    void theOpenLastBucketIsItsLowerBoundUnlessMaxIsKnown() {
        var unknownMax = HistogramQuantile.explicit(List.of(1.0, 2.0), List.of(0L, 5L, 5L), NONE, NONE);
        assertThat(HistogramQuantile.quantile(0.99, unknownMax)).isEqualTo(2.0);   // Prometheus: the highest finite bound
        var knownMax = HistogramQuantile.explicit(List.of(1.0, 2.0), List.of(0L, 5L, 5L), NONE, 12.0);
        assertThat(HistogramQuantile.quantile(0.9, knownMax)).isCloseTo(2 + 10 * 0.8, within(1e-12));
    }

    @Test
    void knownMinAndMaxNarrowTheBucketsTheyFallIn() {
        // everything in (0, 10] but actually between 4 and 6
        var buckets = HistogramQuantile.explicit(List.of(10.0), List.of(8L, 0L), 4.0, 6.0);
        assertThat(buckets).containsExactly(new HistogramQuantile.Bucket(4.0, 6.0, 8));
        assertThat(HistogramQuantile.quantile(0.5, buckets)).isCloseTo(5.0, within(1e-12));
    }

    @Test
    void aFirstBucketAtOrBelowZeroIsASingleValue() {
        var buckets = HistogramQuantile.explicit(List.of(-1.0, 1.0), List.of(5L, 5L, 0L), NONE, NONE);
        assertThat(HistogramQuantile.quantile(0.3, buckets)).isEqualTo(-1.0);
        assertThat(HistogramQuantile.quantile(0.75, buckets)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void bucketsOfDifferentLayoutsMergeAsAMixture() {
        var merged = new ArrayList<HistogramQuantile.Bucket>();
        merged.addAll(HistogramQuantile.explicit(List.of(1.0), List.of(10L, 0L), NONE, NONE));        // 10 in (0,1]
        merged.addAll(HistogramQuantile.explicit(List.of(0.5, 2.0), List.of(0L, 10L, 0L), NONE, NONE)); // 10 in (0.5,2]
        // cumulative at 1: 10 + 10 * (0.5/1.5) = 13.33; the median (rank 10) lies below 1
        double density = 10 + 10 / 1.5;   // per unit between 0.5 and 1
        double expected = 0.5 + (10 - 5) / density;
        assertThat(HistogramQuantile.quantile(0.5, merged)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void exponentialBucketsUseBaseTwoToTheMinusScale() {
        // scale 0: base 2; index 1 = (2, 4], index 2 = (4, 8]; zero bucket at 0
        var buckets = HistogramQuantile.exponential(0, Map.of(1, 2L, 2, 3L), Map.of(), 1, NONE, NONE);
        assertThat(buckets).contains(new HistogramQuantile.Bucket(2, 4, 2), new HistogramQuantile.Bucket(4, 8, 3),
                new HistogramQuantile.Bucket(0, 0, 1));
        assertThat(HistogramQuantile.quantile(0.5, buckets)).isCloseTo(4.0, within(1e-12));        // rank 3 = 1 + 2
        assertThat(HistogramQuantile.quantile(0.75, buckets)).isCloseTo(4 + 4 * 1.5 / 3, within(1e-12));
        // scale 1: base sqrt 2; negative index 0 = [-sqrt 2, -1)
        var negative = HistogramQuantile.exponential(1, Map.of(), Map.of(0, 4L), 0, NONE, NONE);
        assertThat(negative.get(0).lower()).isCloseTo(-Math.sqrt(2), within(1e-12));
        assertThat(negative.get(0).upper()).isEqualTo(-1.0);
    }

    @Test
    void noObservationsHaveNoQuantile() {
        assertThat(HistogramQuantile.quantile(0.5, HistogramQuantile.explicit(List.of(1.0), List.of(0L, 0L), NONE, NONE))).isNaN();
        assertThat(HistogramQuantile.quantile(0.5, List.of())).isNaN();
    }
}
