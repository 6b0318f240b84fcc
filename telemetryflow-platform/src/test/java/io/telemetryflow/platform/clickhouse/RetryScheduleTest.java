package io.telemetryflow.platform.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void doublesFromTheFirstDelayUpToTheCap() {
        assertThat(schedule.delayAfter(0)).isZero();
        assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(schedule.delayAfter(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(schedule.delayAfter(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(schedule.delayAfter(10_000)).isEqualTo(Duration.ofSeconds(60));
    }
}
