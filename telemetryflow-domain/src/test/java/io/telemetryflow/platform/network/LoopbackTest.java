package io.telemetryflow.platform.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "127.255.255.255", "localhost", "LocalHost", "::1", "[::1]",
            "0:0:0:0:0:0:0:1", "0000:0000:0000:0000:0000:0000:0000:0001", " 127.0.0.1 "})
    void loopbackAddresses(String host) {
        assertThat(Loopback.is(host)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "0.0.0.0", "::", "10.0.0.1", "192.168.1.10", "128.0.0.1", "127.0.0.256", "127.0.0",
            "127.0.0.1.nip.io", "localhost.example.com", "example.com", "::2", "1::1", "169.254.169.254"})
    void everythingElse(String host) {
        assertThat(Loopback.is(host)).isFalse();
    }
}
