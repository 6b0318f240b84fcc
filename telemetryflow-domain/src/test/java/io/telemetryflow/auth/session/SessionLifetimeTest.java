package io.telemetryflow.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionLifetimeTest {

    private final SessionLifetime lifetime = new SessionLifetime(Duration.ofDays(7), Duration.ofDays(30));
    private final Instant signIn = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aRefreshTokenLivesItsOwnLifetimeWhileTheSessionIsYoung() {
        Instant now = signIn.plus(Duration.ofDays(10));
        assertThat(lifetime.tokenExpiry(signIn, now)).isEqualTo(now.plus(Duration.ofDays(7)));
        assertThat(lifetime.isOver(signIn, now)).isFalse();
    }

    @Test
    void noRefreshTokenOutlivesTheSessionHoweverOftenItIsRotated() {
        Instant now = signIn.plus(Duration.ofDays(28));
        assertThat(lifetime.tokenExpiry(signIn, now)).isEqualTo(signIn.plus(Duration.ofDays(30)));
    }

    @Test
    void theSessionEndsThirtyDaysAfterItsSignIn() {
        assertThat(lifetime.isOver(signIn, signIn.plus(Duration.ofDays(30)).minusMillis(1))).isFalse();
        assertThat(lifetime.isOver(signIn, signIn.plus(Duration.ofDays(30)))).isTrue();
    }

    @Test
    void lifetimesMustBePositive() {
        assertThatThrownBy(() -> new SessionLifetime(Duration.ZERO, Duration.ofDays(30))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionLifetime(Duration.ofDays(7), Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
