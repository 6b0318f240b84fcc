package io.telemetryflow.telemetry.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutboxTest {

    @Test
    void holdsAtMostTheMessageCountIncludingTheOneInFlight() {
        Outbox outbox = new Outbox(2, 1000);
        assertThat(outbox.offer("a")).isTrue();
        assertThat(outbox.startNext()).isEqualTo("a");
        assertThat(outbox.offer("b")).isTrue();
        assertThat(outbox.offer("c")).isFalse();
        assertThat(outbox.startNext()).as("one in flight at a time").isNull();
        outbox.sent();
        assertThat(outbox.offer("c")).isTrue();
        assertThat(outbox.startNext()).isEqualTo("b");
    }

    @Test
    void holdsAtMostTheSize() {
        Outbox outbox = new Outbox(100, 10);
        assertThat(outbox.offer("12345")).isTrue();
        assertThat(outbox.offer("123456")).isFalse();
        assertThat(outbox.offer("12345")).isTrue();
        assertThat(outbox.chars()).isEqualTo(10);
        outbox.startNext();
        outbox.sent();
        assertThat(outbox.chars()).isEqualTo(5);
        assertThat(outbox.size()).isEqualTo(1);
    }

    @Test
    void nothingSentWithoutAMessageInFlight() {
        assertThatThrownBy(() -> new Outbox(1, 1).sent()).isInstanceOf(IllegalStateException.class);
    }
}
