package io.telemetryflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignInStepTest {

    @Test
    void theSecondFactorComesBeforeThePasswordChange() {
        assertThat(SignInStep.afterPassword(true, true)).isEqualTo(SignInStep.MFA);
        assertThat(SignInStep.afterMfa(true)).isEqualTo(SignInStep.PASSWORD_CHANGE);
    }

    @Test
    void aPasswordTheUserChoseSignsInAfterTheLastFactor() {
        assertThat(SignInStep.afterPassword(false, false)).isEqualTo(SignInStep.SIGNED_IN);
        assertThat(SignInStep.afterPassword(true, false)).isEqualTo(SignInStep.MFA);
        assertThat(SignInStep.afterMfa(false)).isEqualTo(SignInStep.SIGNED_IN);
    }

    @Test
    void withoutMfaAPasswordAnAdministratorChoseMustBeChangedFirst() {
        assertThat(SignInStep.afterPassword(false, true)).isEqualTo(SignInStep.PASSWORD_CHANGE);
    }
}
