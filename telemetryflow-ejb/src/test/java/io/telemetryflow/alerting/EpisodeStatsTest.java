package io.telemetryflow.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EpisodeStatsTest {

    @Test
    void firingEpisodesEndAtNormalAndAReturnFromRecoveringContinuesOne() {
        EpisodeStats stats = EpisodeStats.of(List.of(
                new EpisodeStats.Change("a", "pending", "firing", 10_000),
                new EpisodeStats.Change("a", "recovering", "firing", 20_000),
                new EpisodeStats.Change("a", "recovering", "normal", 40_000),
                new EpisodeStats.Change("b", "pending", "firing", 15_000),
                new EpisodeStats.Change("b", "firing", "normal", 25_000),
                new EpisodeStats.Change("c", "pending", "firing", 30_000)));
        assertThat(stats.firings()).as("a once (its re-fire from recovering continues), b, c").isEqualTo(3);
        assertThat(stats.resolved()).isEqualTo(2);
        assertThat(stats.meanTimeToResolveSeconds()).as("(30 s + 10 s) / 2").isEqualTo(20.0);
    }

    @Test
    void withoutAResolvedEpisodeThereIsNoMeanTime() {
        EpisodeStats stats = EpisodeStats.of(List.of(new EpisodeStats.Change("a", "no_data", "normal", 5_000),
                new EpisodeStats.Change("a", "pending", "firing", 10_000)));
        assertThat(stats.firings()).isEqualTo(1);
        assertThat(stats.resolved()).isZero();
        assertThat(stats.meanTimeToResolveSeconds()).isNull();
    }
}
