package io.telemetryflow.telemetry.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingSocketsTest {

    private final PendingSockets pending = new PendingSockets(2);

    @Test
    void eachAddressHoldsAtMostItsBudget() {
        assertThat(pending.reserve("203.0.113.7")).isTrue();
        assertThat(pending.reserve("203.0.113.7")).isTrue();
        assertThat(pending.reserve("203.0.113.7")).isFalse();
        assertThat(pending.reserve("2001:db8::1")).as("another address").isTrue();
    }

    @Test
    void aReleasedPlaceCanBeTakenAgain() {
        pending.reserve("203.0.113.7");
        pending.reserve("203.0.113.7");
        pending.release("203.0.113.7");
        assertThat(pending.reserve("203.0.113.7")).isTrue();
        assertThat(pending.reserve("203.0.113.7")).isFalse();
    }

    @Test
    void anAddressWithNothingPendingIsForgotten() {
        pending.reserve("203.0.113.7");
        pending.reserve("203.0.113.8");
        pending.release("203.0.113.7");
        pending.release("203.0.113.8");
        pending.release("203.0.113.9");
        assertThat(pending.addresses()).isZero();
    }

    @Test
    void aRefusedReservationTakesNoPlace() {
        pending.reserve("203.0.113.7");
        pending.reserve("203.0.113.7");
        pending.reserve("203.0.113.7");
        pending.release("203.0.113.7");
        pending.release("203.0.113.7");
        assertThat(pending.addresses()).isZero();
    }
}
