package io.telemetryflow.clickhouse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickHouseLauncherTest {

    private static final String[] BASE = {
            "--lib", "/opt/chdb/libchdb.so", "--path", "/tmp/ch/data", "--http-port", "28123", "--tcp-port", "29000"};

    private static String[] with(String... extra) {
        String[] args = new String[BASE.length + extra.length];
        System.arraycopy(BASE, 0, args, 0, BASE.length);
        System.arraycopy(extra, 0, args, BASE.length, extra.length);
        return args;
    }

    @Test
    void buildsTheClickHouseArgvWithLoopbackByDefault() {
        ClickHouseLauncher.Options options = ClickHouseLauncher.parse(BASE);

        assertThat(options.listenHost()).isEqualTo("127.0.0.1");
        assertThat(options.clickhouseArgv()).containsExactly(
                "clickhouse",
                "--multiquery",
                "--path=" + Path.of("/tmp/ch/data"),
                "--http_port=28123",
                "--tcp_port=29000",
                "--listen_host=127.0.0.1",
                "--query=" + ClickHouseLauncher.SERVE_QUERY);
        assertThat(ClickHouseLauncher.SERVE_QUERY).startsWith("SYSTEM START LISTEN HTTP; SYSTEM START LISTEN TCP;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1"})
    void acceptsLoopbackLiterals(String host) {
        assertThat(ClickHouseLauncher.parse(with("--listen-host", host)).listenHost()).isEqualTo(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "10.0.0.5", "192.168.1.10", "localhost", "example.org", "999.1.1.1"})
    void refusesAnythingButALoopbackLiteral(String host) {
        assertThatThrownBy(() -> ClickHouseLauncher.parse(with("--listen-host", host)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void rejectsBadPortsAndMissingOptions() {
        assertThatThrownBy(() -> ClickHouseLauncher.parse(new String[] {"--lib", "x", "--path", "y", "--http-port", "0", "--tcp-port", "1"}))
                .hasMessageContaining("--http-port");
        assertThatThrownBy(() -> ClickHouseLauncher.parse(new String[] {"--lib", "x", "--path", "y", "--http-port", "9", "--tcp-port", "9"}))
                .hasMessageContaining("must differ");
        assertThatThrownBy(() -> ClickHouseLauncher.parse(new String[] {"--path", "y", "--http-port", "1", "--tcp-port", "2"}))
                .hasMessageContaining("--lib");
        assertThatThrownBy(() -> ClickHouseLauncher.parse(with("--bogus", "1")))
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> ClickHouseLauncher.parse(with("--listen-host")))
                .hasMessageContaining("missing value");
    }
}
