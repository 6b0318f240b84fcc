package io.telemetryflow.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OtpAuthUriTest {

    @Test
    void namesIssuerAccountAndTheAppCompatibleSettings() {
        assertThat(OtpAuthUri.of("alice+ops@example.com", "JBSWY3DPEHPK3PXP"))
                .isEqualTo("otpauth://totp/TelemetryFlow:alice%2Bops%40example.com?secret=JBSWY3DPEHPK3PXP"
                        + "&issuer=TelemetryFlow&algorithm=SHA1&digits=6&period=30");
    }
}
