package io.telemetryflow.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedHostsTest {

    @Test
    void namesMatchCaseInsensitivelyWithOrWithoutAPort() {
        AllowedHosts allowed = AllowedHosts.parse(" hooks.internal:8443 , Receiver.Local ");
        assertThat(allowed.allowsName("hooks.internal", 8443)).isTrue();
        assertThat(allowed.allowsName("hooks.internal", 443)).isFalse();
        assertThat(allowed.allowsName("receiver.local.", 80)).isTrue();
        assertThat(allowed.allowsName("RECEIVER.LOCAL", 9000)).isTrue();
        assertThat(allowed.allowsName("other.local", 80)).isFalse();
    }

    @Test
    void addressEntriesMatchTheAddressHoweverTheRequestNamesIt() throws Exception {
        AllowedHosts allowed = AllowedHosts.parse("127.0.0.1:18491,[::1]:9000,fd00::5");
        assertThat(allowed.allowsAddress(InetAddress.getByName("127.0.0.1"), 18491)).isTrue();
        assertThat(allowed.allowsAddress(InetAddress.getByName("127.0.0.1"), 18492)).isFalse();
        assertThat(allowed.allowsAddress(InetAddress.getByName("::1"), 9000)).isTrue();
        assertThat(allowed.allowsAddress(InetAddress.getByName("fd00:0:0:0::5"), 1)).isTrue();
        assertThat(allowed.allowsName("127.0.0.1", 18491)).as("an address entry is not a name entry").isFalse();
    }

    @Test
    void anEmptySettingOpensNothing() {
        assertThat(AllowedHosts.parse(null).isEmpty()).isTrue();
        assertThat(AllowedHosts.parse(" , ").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"host:0", "host:99999", "host:http", "[::1", "[::1]8080", "ho st", ":80", "a/b"})
    void aMalformedEntryIsRefusedByName(String entry) {
        assertThatThrownBy(() -> AllowedHosts.parse("good.example," + entry))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + entry + "'");
    }
}
