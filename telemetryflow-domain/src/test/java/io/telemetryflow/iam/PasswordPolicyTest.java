package io.telemetryflow.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(PasswordPolicy.DEFAULT_MIN_LENGTH);

    @ParameterizedTest
    @ValueSource(strings = {"Correct-Horse-Battery7", "tr0ub4dor&three", "Blue Fjord Kettle 9", "ÜberLange#Brücke42"})
    void acceptsStrongPasswords(String password) {
        assertThat(policy.violations(password, "alice@example.com")).isEmpty();
    }

    @Test
    void refusesShortAndOverlongPasswords() {
        assertThat(policy.violations("Sh0rt!pw", "a@b.c")).containsExactly("must be at least 12 characters long");
        assertThat(policy.violations("Ab1!" + "xyqz".repeat(32), "a@b.c")).containsExactly("must be at most 128 characters long");
        assertThat(new PasswordPolicy(16).violations("Mixed-Case-42x", "a@b.c")).containsExactly("must be at least 16 characters long");
    }

    @Test
    void countsLengthInCharactersNotUtf16Units() {
        // 11 emoji are 22 UTF-16 units but 11 characters
        assertThat(policy.violations("\uD83D\uDE00".repeat(5) + "aB3\uD83D\uDE01x\uD83D\uDE02", "a@b.c"))
                .contains("must be at least 12 characters long");
    }

    @Test
    void needsThreeCharacterClasses() {
        assertThat(policy.violations("onlylowercaseandlong", "a@b.c"))
                .containsExactly("must contain at least 3 of: lower-case letters, upper-case letters, digits, symbols");
        assertThat(policy.violations("lowercase-and-symbols", "a@b.c")).hasSize(1);
        assertThat(policy.violations("lowercase-Upper-symbols", "a@b.c")).isEmpty();
    }

    @Test
    void refusesTheEmailName() {
        assertThat(policy.violations("Xx-Jsmith-Rules-9", "jsmith@example.com"))
                .containsExactly("must not contain the name of the email address");
        assertThat(policy.violations("Xx-JSMITH-Rules-9", "JSmith@Example.com")).hasSize(1);
        // a very short local part is not a meaningful match
        assertThat(policy.violations("Xx-Joker-Rules-9", "jo@example.com")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Password123!", "P@ssw0rd2024", "Welcome1!2#4", "TelemetryFlow1!", "Qwertyuiop12"})
    void refusesCommonPasswordsAlsoWithDigitsAndSymbolsAppended(String password) {
        assertThat(policy.violations(password, "a@b.c")).contains("is a commonly used password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Strong-aaaa-Pass9", "Strong-1234-Pass", "Strong-Abcd-Pass9", "Strong-9876-Pass", "Strong-DCBA-Pass9", "Strong-!!!!-Pass9"})
    void refusesRepeatedAndConsecutiveRuns(String password) {
        assertThat(policy.violations(password, "a@b.c"))
                .containsExactly("must not contain 4 or more repeated or consecutive characters (like aaaa or 1234)");
    }

    @Test
    void threeInARowIsFine() {
        assertThat(policy.violations("Strong-aaa-123-Pass", "a@b.c")).isEmpty();
    }

    @Test
    void reportsEveryViolationAtOnceAsA400OnTheField() {
        assertThat(policy.violations("password", "a@b.c")).hasSize(3);
        assertThatThrownBy(() -> policy.require("password", "a@b.c", "newPassword"))
                .isInstanceOfSatisfying(Rejected.class, rejected -> {
                    assertThat(rejected.reason()).isEqualTo(Rejected.Reason.INVALID);
                    assertThat(rejected.field()).isEqualTo("newPassword");
                    assertThat(rejected.getMessage()).contains("at least 12").contains("commonly used").contains("3 of");
                });
    }

    @Test
    void refusesAnUnreasonableMinimum() {
        assertThatThrownBy(() -> new PasswordPolicy(4)).isInstanceOf(IllegalArgumentException.class);
    }
}
