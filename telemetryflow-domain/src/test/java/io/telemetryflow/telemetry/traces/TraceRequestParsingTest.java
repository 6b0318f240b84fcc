package io.telemetryflow.telemetry.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.AttributeFilter;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceRequestParsingTest {

    @Test
    void durationsTakeUnitsOrBareNanoseconds() {
        assertThat(DurationText.nanos("minDuration", "250ms", 1)).isEqualTo(250_000_000L);
        assertThat(DurationText.nanos("minDuration", "1.5s", 1)).isEqualTo(1_500_000_000L);
        assertThat(DurationText.nanos("minDuration", " 2m ", 1)).isEqualTo(120_000_000_000L);
        assertThat(DurationText.nanos("minDuration", "10us", 1)).isEqualTo(10_000L);
        assertThat(DurationText.nanos("minDuration", "10µs", 1)).isEqualTo(10_000L);
        assertThat(DurationText.nanos("minDuration", "1h", 1)).isEqualTo(3_600_000_000_000L);
        assertThat(DurationText.nanos("minDuration", "123", 1)).isEqualTo(123L);
        assertThat(DurationText.nanos("step", "60", 1_000_000_000L)).isEqualTo(60_000_000_000L);
        for (String bad : List.of("-5ms", "1.5ns", "5 parsecs", "' OR 1=1 --", "", "1e3", "99999999999999999999", "1.0000000001s")) {
            assertThatThrownBy(() -> DurationText.nanos("minDuration", bad, 1))
                    .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.field()).isEqualTo("minDuration"));
        }
    }

    @Test
    void searchDefaultsAndNormalizes() {
        TraceSearch search = TraceSearch.parse(null, null, "", null, null, "2s", " error ", null, null);
        assertThat(search).isEqualTo(new TraceSearch(null, null, null, null, null, 2_000_000_000L, "ERROR", List.of(), 50));
    }

    @Test
    void badSearchFieldsAreRejectedByName() {
        rejects("status", () -> TraceSearch.parse(null, null, null, null, null, null, "FAILED", null, null));
        rejects("limit", () -> TraceSearch.parse(null, null, null, null, null, null, null, null, 0));
        rejects("limit", () -> TraceSearch.parse(null, null, null, null, null, null, null, null, 501));
        rejects("minDuration", () -> TraceSearch.parse(null, null, null, null, "2s", "1s", null, null, null));
        rejects("service", () -> TraceSearch.parse(null, null, "x".repeat(1025), null, null, null, null, null, null));
        rejects("operation", () -> TraceSearch.parse(null, null, null, "x".repeat(1025), null, null, null, null, null));
        rejects("filters", () -> TraceSearch.parse(null, null, null, null, null, null, null,
                Collections.nCopies(21, AttributeFilter.of("k", "eq", "v", null)), null));
    }

    @Test
    void redQueryParsesStepAndLimit() {
        assertThat(RedQuery.parse("now-1h", null, "api", "5m", null)).isEqualTo(new RedQuery("now-1h", null, "api", 300L, 100));
        assertThat(RedQuery.parse(null, null, "", "30", "7")).isEqualTo(new RedQuery(null, null, null, 30L, 7));
        rejects("step", () -> RedQuery.parse(null, null, null, "500ms", null));
        rejects("step", () -> RedQuery.parse(null, null, null, "0", null));
        rejects("limit", () -> RedQuery.parse(null, null, null, null, "lots"));
        rejects("limit", () -> RedQuery.parse(null, null, null, null, "1001"));
    }

    @Test
    void traceIdsAreThirtyTwoHexDigits() {
        assertThat(TraceId.parse(" 4BF92F3577B34DA6A3CE929D0E0E4736 ").hex()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        for (String bad : List.of("4bf92f3577b34da6", "00000000000000000000000000000000", "4bf92f3577b34da6a3ce929d0e0e473g",
                "' OR 1=1 --", "4bf92f35-77b3-4da6-a3ce-929d0e0e4736", "")) {
            rejects("traceId", () -> TraceId.parse(bad));
        }
        rejects("traceId", () -> TraceId.parse(null));
    }

    private static void rejects(String field, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Rejected.Reason.INVALID);
            assertThat(rejected.field()).isEqualTo(field);
        });
    }
}
