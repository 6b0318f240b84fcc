package io.telemetryflow.auth.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningKeyRingTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    /** A 15-minute access token plus 30 s of verifier clock skew. */
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15).plusSeconds(30);

    private static SigningKey key(String id, SigningKeyState state) {
        return new SigningKey(id, state, NOW.minus(Duration.ofDays(30)), null);
    }

    private static SigningKey retired(String id, Duration ago) {
        return new SigningKey(id, SigningKeyState.RETIRED, NOW.minus(Duration.ofDays(60)), NOW.minus(ago));
    }

    @Test
    void aFirstStartCreatesAnActiveAndANextKeyAndTheUpgradedSingleKeyGetsANextOne() {
        assertThat(new SigningKeyRing(List.of()).missing()).containsExactly(SigningKeyState.ACTIVE, SigningKeyState.NEXT);
        assertThat(new SigningKeyRing(List.of(key("a", SigningKeyState.ACTIVE))).missing()).containsExactly(SigningKeyState.NEXT);
        assertThat(new SigningKeyRing(List.of(key("a", SigningKeyState.ACTIVE), key("n", SigningKeyState.NEXT))).missing()).isEmpty();
    }

    @Test
    void theActiveKeySignsAndTheNextOneWaits() {
        SigningKeyRing ring = new SigningKeyRing(List.of(retired("old", Duration.ofMinutes(1)), key("n", SigningKeyState.NEXT),
                key("a", SigningKeyState.ACTIVE)));
        assertThat(ring.active()).map(SigningKey::keyId).contains("a");
        assertThat(ring.next()).map(SigningKey::keyId).contains("n");
    }

    @Test
    void verifiersTrustActiveNextAndRetiredKeysWhoseTokensMayStillBeAlive() {
        SigningKeyRing ring = new SigningKeyRing(List.of(
                key("a", SigningKeyState.ACTIVE), key("n", SigningKeyState.NEXT),
                retired("just-retired", Duration.ofMinutes(1)),
                retired("almost-gone", TOKEN_LIFETIME.minusSeconds(1)),
                retired("gone", TOKEN_LIFETIME),
                retired("long-gone", Duration.ofDays(20))));
        assertThat(ring.trusted(NOW, TOKEN_LIFETIME)).extracting(SigningKey::keyId)
                .containsExactlyInAnyOrder("a", "n", "just-retired", "almost-gone");
    }

    @Test
    void aRotationPromotesOnlyANextKeyEveryNodeHasHadTimeToRead() {
        Duration knownEverywhereAfter = Duration.ofSeconds(40);
        SigningKey youngNext = new SigningKey("n", SigningKeyState.NEXT, NOW.minus(knownEverywhereAfter).plusMillis(1), null);
        SigningKey settledNext = new SigningKey("n", SigningKeyState.NEXT, NOW.minus(knownEverywhereAfter), null);

        assertThat(new SigningKeyRing(List.of(key("a", SigningKeyState.ACTIVE), settledNext)).rotationRefusal(NOW, knownEverywhereAfter)).isEmpty();
        assertThat(new SigningKeyRing(List.of(key("a", SigningKeyState.ACTIVE), youngNext)).rotationRefusal(NOW, knownEverywhereAfter))
                .get().asString().contains("next signing key n is not yet trusted by every node").contains("40 s");
        assertThat(new SigningKeyRing(List.of(key("a", SigningKeyState.ACTIVE))).rotationRefusal(NOW, knownEverywhereAfter))
                .get().asString().contains("not set up yet");
    }

    @Test
    void thereIsNeverMoreThanOneActiveOrNextKey() {
        assertThatThrownBy(() -> new SigningKeyRing(List.of(key("a", SigningKeyState.ACTIVE), key("b", SigningKeyState.ACTIVE))))
                .hasMessageContaining("more than one ACTIVE");
        assertThatThrownBy(() -> new SigningKeyRing(List.of(key("a", SigningKeyState.NEXT), key("b", SigningKeyState.NEXT))))
                .hasMessageContaining("more than one NEXT");
        assertThatThrownBy(() -> new SigningKey("r", SigningKeyState.RETIRED, NOW, null)).hasMessageContaining("retirement time");
        assertThatThrownBy(() -> new SigningKey("a", SigningKeyState.ACTIVE, NOW, NOW)).hasMessageContaining("retirement time");
    }
}
