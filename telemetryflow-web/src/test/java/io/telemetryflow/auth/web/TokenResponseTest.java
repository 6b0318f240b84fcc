package io.telemetryflow.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.auth.LoginService;
import io.telemetryflow.auth.SignInStep;
import io.telemetryflow.auth.web.AuthResource.TokenResponse;
import io.telemetryflow.platform.web.SharedJsonb;
import jakarta.json.bind.Jsonb;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenResponseTest {

    private final Jsonb json = new SharedJsonb().getContext(TokenResponse.class);

    @Test
    void aPendingPasswordChangeAnswersItsTicketAndNoTokens() {
        TokenResponse answer = TokenResponse.pending(new LoginService.PendingStep(SignInStep.PASSWORD_CHANGE, "ticket",
                Instant.now().plusSeconds(600)));

        assertThat(json.toJson(answer)).matches("\\{\"passwordChangeRequired\":true,\"passwordChangeToken\":\"ticket\","
                + "\"passwordChangeTokenExpiresIn\":(599|600)}");
        assertThat(json.toJson(answer.withoutRefreshToken())).as("the console's answer is the same").isEqualTo(json.toJson(answer));
    }

    @Test
    void aPendingSecondFactorAnswersTheMfaTicketOnly() {
        TokenResponse answer = TokenResponse.pending(new LoginService.PendingStep(SignInStep.MFA, "mfa", Instant.now().plusSeconds(300)));

        assertThat(json.toJson(answer)).matches("\\{\"mfaRequired\":true,\"mfaToken\":\"mfa\",\"mfaTokenExpiresIn\":(299|300)}");
    }

    @Test
    void aFinishedSignInHasNoTicketFields() {
        TokenResponse answer = TokenResponse.signedIn("access", 900L, "refresh", Instant.parse("2026-12-13T10:00:00Z"), "session", null);

        assertThat(json.toJson(answer)).doesNotContain("passwordChange", "mfa").contains("\"accessToken\":\"access\"");
        assertThat(json.toJson(answer.withoutRefreshToken())).doesNotContain("refresh\"").contains("\"refreshTokenExpiresAt\"");
    }
}
