package io.telemetryflow.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class TotpWindowTest {

    /** A stand-in generator: the step number as six digits, so the expected step is obvious. */
    private static final LongFunction<String> CODE_AT = step -> String.format("%06d", step % 1_000_000);
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:45Z");
    private static final long STEP = NOW.getEpochSecond() / 30;

    @Test
    void stepsAreThirtySecondsSinceTheEpoch() {
        assertThat(TotpWindow.stepAt(Instant.ofEpochSecond(59))).isEqualTo(1);
        assertThat(TotpWindow.stepAt(Instant.ofEpochSecond(60))).isEqualTo(2);
        assertThat(TotpWindow.startOf(2)).isEqualTo(Instant.ofEpochSecond(60));
    }

    @Test
    void acceptsTheCurrentStepAndOneEitherSide() {
        assertThat(TotpWindow.matchingStep(CODE_AT.apply(STEP), NOW, CODE_AT)).hasValue(STEP);
        assertThat(TotpWindow.matchingStep(CODE_AT.apply(STEP - 1), NOW, CODE_AT)).hasValue(STEP - 1);
        assertThat(TotpWindow.matchingStep(CODE_AT.apply(STEP + 1), NOW, CODE_AT)).hasValue(STEP + 1);
    }

    @Test
    void refusesCodesTwoStepsAway() {
        assertThat(TotpWindow.matchingStep(CODE_AT.apply(STEP - 2), NOW, CODE_AT)).isEmpty();
        assertThat(TotpWindow.matchingStep(CODE_AT.apply(STEP + 2), NOW, CODE_AT)).isEmpty();
    }

    @Test
    void refusesWhatIsNotSixDigits() {
        assertThat(TotpWindow.matchingStep("12345", NOW, CODE_AT)).isEmpty();
        assertThat(TotpWindow.matchingStep("1234567", NOW, CODE_AT)).isEmpty();
        assertThat(TotpWindow.matchingStep("12a456", NOW, CODE_AT)).isEmpty();
        assertThat(TotpWindow.matchingStep(null, NOW, CODE_AT)).isEmpty();
        assertThat(TotpWindow.looksLikeCode("abcde-fghij")).isFalse();
    }

    @Test
    void prefersTheNewestStepWhenCodesCollide() {
        OptionalLong step = TotpWindow.matchingStep("000000", NOW, s -> "000000");
        assertThat(step).hasValue(STEP + 1);
    }
}
