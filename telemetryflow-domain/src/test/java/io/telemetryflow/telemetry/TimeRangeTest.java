package io.telemetryflow.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeRangeTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final QueryLimits LIMITS = QueryLimits.defaults();

    @Test
    void defaultsToTheLastHourEndingNow() {
        TimeRange range = TimeRange.parse(null, null, NOW, LIMITS);
        assertThat(range.from()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(range.to()).isEqualTo(NOW);
        assertThat(range.relative()).isTrue();
    }

    @Test
    void acceptsIsoInstantsEpochMillisAndRelativeEnds() {
        TimeRange absolute = TimeRange.parse("2026-11-22T10:00:00Z", "1795348800000", NOW, LIMITS);
        assertThat(absolute.from()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(absolute.to()).isEqualTo(Instant.ofEpochMilli(1795348800000L));
        assertThat(absolute.relative()).isFalse();

        TimeRange relative = TimeRange.parse("now-15m", "now", NOW, LIMITS);
        assertThat(relative.from()).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
        assertThat(relative.to()).isEqualTo(NOW);
        assertThat(relative.relative()).isTrue();
        assertThat(TimeRange.parse("now-2d", "now-1d", NOW, LIMITS).length()).isEqualTo(Duration.ofDays(1));
        assertThat(TimeRange.parse("now-30s", null, NOW, LIMITS).length()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void nanosecondBoundsAreExact() {
        TimeRange range = TimeRange.of(Instant.ofEpochSecond(1, 5), Instant.ofEpochSecond(2, 999_999_999));
        assertThat(range.fromNanos()).isEqualTo(1_000_000_005L);
        assertThat(range.toNanos()).isEqualTo(2_999_999_999L);
    }

    @Test
    void refusesEmptyInvertedTooLongAndUnreadableRanges() {
        assertRejected(() -> TimeRange.parse("now", "now-1h", NOW, LIMITS), "from", "before");
        assertRejected(() -> TimeRange.parse("now-1h", "now-1h", NOW, LIMITS), "from", "before");
        assertRejected(() -> TimeRange.parse("now-8d", "now", NOW, LIMITS), "from", "at most");
        assertRejected(() -> TimeRange.parse("yesterday", null, NOW, LIMITS), "from", "ISO-8601");
        assertRejected(() -> TimeRange.parse(null, "now-1w", NOW, LIMITS), "to", "ISO-8601");
        assertRejected(() -> TimeRange.parse("1' OR 1=1", null, NOW, LIMITS), "from", "ISO-8601");
        assertThat(TimeRange.parse("now-7d", "now", NOW, LIMITS).length()).isEqualTo(Duration.ofDays(7));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "+1000000000-01-01T00:00:00Z, +1000000000-01-01T01:00:00Z, from",
            "2026-11-22T10:00:00Z,        +1000000000-01-01T00:00:00Z, to",
            "-,                           -1000000000-01-01T00:00:00Z, to",
            "2299-12-31T23:00:00Z,        2300-01-01T00:00:00Z,        from",
            "2262-04-11T23:00:00Z,        2262-04-11T23:47:17Z,        to",
            "1850-01-01T00:00:00Z,        1850-01-01T01:00:00Z,        from",
            "-,                           1900-01-01T00:30:00Z,        from",
            "999999990000000,             999999999999999,             from",
            "99999999999999999999,        -,                           from",
            "-,                           99999999999999999999,        to",
            "now-999999d,                 now-999998d,                 from",
            "now-99999999999d,            -,                           from"})
    void anEndOutsideWhatTheStoresHoldIsA400NamingIt(String from, String to, String field) {
        assertRejected(() -> TimeRange.parse(from, to, NOW, LIMITS), field, field);
    }

    @Test
    void theFirstAndLastStorableInstantsAreAccepted() {
        TimeRange first = TimeRange.parse("1900-01-01T00:00:00Z", "1900-01-01T01:00:00Z", NOW, LIMITS);
        assertThat(first.fromNanos()).isEqualTo(-2_208_988_800_000_000_000L);
        TimeRange last = TimeRange.parse("2262-04-11T23:00:00Z", "2262-04-11T23:47:16Z", NOW, LIMITS);
        assertThat(last.toNanos()).isEqualTo(9_223_372_036_000_000_000L);
    }

    @Test
    void aRangeIsLiveWhileItsEndIsWithinTheFreshnessWindow() {
        Duration freshness = Duration.ofSeconds(60);
        assertThat(TimeRange.of(NOW.minus(Duration.ofHours(1)), NOW).isLive(NOW, freshness)).isTrue();
        assertThat(TimeRange.of(NOW.minus(Duration.ofHours(1)), NOW.minusSeconds(59)).isLive(NOW, freshness)).isTrue();
        assertThat(TimeRange.of(NOW.minus(Duration.ofHours(1)), NOW.minusSeconds(60)).isLive(NOW, freshness)).isFalse();
    }

    @Test
    void epochNanosecondsBecomeInstantsBothSidesOfTheEpochAndBack() {
        assertThat(TimeRange.instant(1_795_345_200_123_456_789L)).isEqualTo(Instant.parse("2026-11-22T11:00:00.123456789Z"));
        assertThat(TimeRange.instant(-1)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999999Z"));
        TimeRange range = TimeRange.of(TimeRange.instant(-1), TimeRange.instant(1_795_345_200_123_456_789L));
        assertThat(range.fromNanos()).isEqualTo(-1);
        assertThat(range.toNanos()).isEqualTo(1_795_345_200_123_456_789L);
    }

    private static void assertRejected(Runnable parse, String field, String detail) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Rejected.Reason.INVALID);
            assertThat(rejected.field()).isEqualTo(field);
            assertThat(rejected.getMessage()).contains(detail);
        });
    }
}
