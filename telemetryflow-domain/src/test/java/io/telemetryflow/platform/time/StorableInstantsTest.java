package io.telemetryflow.platform.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StorableInstantsTest {

    @Test
    void theBoundsAreInclusiveAndFitInNanosecondLongs() {
        assertThat(StorableInstants.require("from", StorableInstants.EARLIEST)).isEqualTo(StorableInstants.EARLIEST);
        assertThat(StorableInstants.require("to", StorableInstants.LATEST)).isEqualTo(StorableInstants.LATEST);
        assertThat(Math.multiplyExact(StorableInstants.LATEST.getEpochSecond(), 1_000_000_000L)).isPositive();
        assertThat(Math.multiplyExact(StorableInstants.EARLIEST.getEpochSecond(), 1_000_000_000L)).isNegative();
    }

    @Test
    void oneNanosecondOutsideIsA400NamingTheField() {
        assertRefused("from", StorableInstants.EARLIEST.minusNanos(1));
        assertRefused("to", StorableInstants.LATEST.plusNanos(1));
        assertRefused("to", Instant.MAX);
        assertRefused("from", Instant.MIN);
    }

    private static void assertRefused(String field, Instant instant) {
        assertThatThrownBy(() -> StorableInstants.require(field, instant)).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Rejected.Reason.INVALID);
            assertThat(rejected.field()).isEqualTo(field);
            assertThat(rejected.getMessage()).startsWith(field + " must lie between 1900-01-01T00:00:00Z and 2262-04-11T23:47:16Z");
        });
    }
}
