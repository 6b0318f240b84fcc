package io.telemetryflow.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {

    @Test
    void generatesTenDistinctHyphenatedCodes() {
        List<String> codes = RecoveryCodes.generate(new SecureRandom());
        assertThat(codes).hasSize(10).allMatch(code -> code.matches("[a-z2-7]{5}-[a-z2-7]{5}"));
        assertThat(new HashSet<>(codes)).hasSize(10);
    }

    @Test
    void normalizesWhatUsersType() {
        assertThat(RecoveryCodes.normalize("abcde-fgh23")).hasValue("abcdefgh23");
        assertThat(RecoveryCodes.normalize(" ABCDE FGH23 ")).hasValue("abcdefgh23");
        assertThat(RecoveryCodes.normalize("abcdefgh23")).hasValue("abcdefgh23");
    }

    @Test
    void refusesWhatCannotBeARecoveryCode() {
        assertThat(RecoveryCodes.normalize("123456")).isEmpty();
        assertThat(RecoveryCodes.normalize("abcde-fgh1")).isEmpty();   // wrong length
        assertThat(RecoveryCodes.normalize("abcde-fgh18")).isEmpty();  // 1 and 8 are not base-32
        assertThat(RecoveryCodes.normalize(null)).isEmpty();
    }

    @Test
    void everyGeneratedCodeNormalizesToItselfWithoutTheHyphen() {
        RecoveryCodes.generate(new SecureRandom()).forEach(code ->
                assertThat(RecoveryCodes.normalize(code)).hasValue(code.replace("-", "")));
    }
}
