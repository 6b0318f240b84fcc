package io.telemetryflow.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.platform.network.Loopback;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StartTlsPolicyTest {

    private static final Map<String, String> STARTTLS = Map.of("mail.smtp.starttls.enable", "true",
            "mail.smtp.starttls.required", "true", "mail.smtp.ssl.checkserveridentity", "true");

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LocalHost", "localhost.", " localhost ", "127.0.0.1", "127.255.3.4", "127.0.0.0",
            "::1", "[::1]", "0:0:0:0:0:0:0:1", "0000:0000:0000:0000:0000:0000:0000:0001", "::1%lo", "::ffff:127.0.0.1",
            "[::ffff:7f00:1]", "0:0:0:0:0:ffff:127.1.2.3"})
    void loopbackHostsAreRecognisedFromTheirText(String host) {
        assertThat(Loopback.is(host)).isTrue();
        assertThat(StartTlsPolicy.sessionProperties(host, Optional.empty())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"smtp.example.com", "localhost.example.com", "mylocalhost", "127.0.0.1.example.com", "128.0.0.1",
            "10.0.0.1", "126.255.255.255", "0.0.0.0", "127.0.0.01", "0127.0.0.1", "127.1", "2130706433", "0x7f.0.0.1",
            "127.0.0.256", "::", "::2", "1::1", "::ffff:10.0.0.1", "::ffff:128.0.0.1", "[::1", "::1::", ":::1", "1:2:3:4:5:6:7:8:9",
            "fe80::1", "127.0.0.1::1", "", "[]"})
    void everyOtherHostGetsStartTlsWithACheckedCertificate(String host) {
        assertThat(Loopback.is(host)).isFalse();
        assertThat(StartTlsPolicy.sessionProperties(host, Optional.empty())).isEqualTo(STARTTLS);
    }

    @Test
    void theOperatorsExplicitChoiceWinsEitherWay() {
        assertThat(StartTlsPolicy.sessionProperties("smtp.example.com", Optional.of(false))).isEmpty();
        assertThat(StartTlsPolicy.sessionProperties("127.0.0.1", Optional.of(true))).isEqualTo(STARTTLS);
        assertThat(StartTlsPolicy.required("localhost", Optional.of(true))).isTrue();
        assertThat(StartTlsPolicy.required("mail.example.com", Optional.of(false))).isFalse();
    }
}
