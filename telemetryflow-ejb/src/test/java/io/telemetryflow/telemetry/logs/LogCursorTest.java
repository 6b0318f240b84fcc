package io.telemetryflow.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.security.SecretBox;
import io.telemetryflow.telemetry.TimeRange;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LogCursorTest {

    private static final byte[] KEY = new byte[32];
    private final SecretBox box = new SecretBox(KEY);
    private final byte[] fingerprint = new byte[32];
    private final TimeRange range = TimeRange.of(Instant.parse("2026-11-22T10:00:00Z"), Instant.parse("2026-11-22T11:00:00.000000123Z"));
    private final long last = range.toNanos() - 5;

    {
        Arrays.fill(fingerprint, (byte) 7);
    }

    @Test
    void aSealedCursorOpensToWhatWasSealed() {
        String text = new LogCursor(fingerprint, range, last, -42L, 3, 1234).seal(box);

        assertThat(text).matches("[A-Za-z0-9_-]+");   // base64url, no padding: safe in JSON and URLs
        LogCursor cursor = LogCursor.open(text, box, fingerprint);
        assertThat(cursor.range()).isEqualTo(range);
        assertThat(cursor.lastTimeNanos()).isEqualTo(last);
        assertThat(cursor.lastRowKey()).isEqualTo(-42L);
        assertThat(cursor.skip()).isEqualTo(3);
        assertThat(cursor.total()).isEqualTo(1234);
        assertThat(cursor.remaining()).isEqualTo(TimeRange.of(range.from(), Instant.ofEpochSecond(0, last + 1)));
    }

    @Test
    void anyChangedCharacterIsRefused() {
        String text = new LogCursor(fingerprint, range, last, 1L, 1, 10).seal(box);
        for (int i = 0; i < text.length(); i++) {
            char replacement = text.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = text.substring(0, i) + replacement + text.substring(i + 1);
            assertThatThrownBy(() -> LogCursor.open(tampered, box, fingerprint)).as("position %d", i).isInstanceOf(Rejected.class)
                    .extracting(e -> ((Rejected) e).field()).isEqualTo("cursor");
        }
    }

    @Test
    void garbageAndCursorsOfAnotherKeyAreRefused() {
        for (String garbage : new String[]{"x", "!!!", "' OR 1=1 --", "djE6", Base64.getUrlEncoder().encodeToString("v1:AAAA".getBytes()),
                "A".repeat(LogCursor.MAX_LENGTH + 1)}) {
            assertThatThrownBy(() -> LogCursor.open(garbage, box, fingerprint)).as(garbage).isInstanceOf(Rejected.class);
        }
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        String foreign = new LogCursor(fingerprint, range, last, 1L, 1, 10).seal(new SecretBox(otherKey));
        assertThatThrownBy(() -> LogCursor.open(foreign, box, fingerprint)).isInstanceOf(Rejected.class);
    }

    @Test
    void aCursorOfAnotherQueryIsRefused() {
        String text = new LogCursor(fingerprint, range, last, 1L, 1, 10).seal(box);
        byte[] other = fingerprint.clone();
        other[3] = 0;

        assertThatThrownBy(() -> LogCursor.open(text, box, other)).isInstanceOf(Rejected.class)
                .hasMessageContaining("another query");
    }
}
