package io.telemetryflow.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConsoleOriginsTest {

    private final ConsoleOrigins origins = ConsoleOrigins.of("https://console.example.com/telemetry/", " http://localhost:3000 ,https://ops.example.org:8443");

    @Test
    void theConsolesOwnOriginAndTheListedOnesAreAllowed() {
        assertThat(origins.allows("https://console.example.com")).isTrue();
        assertThat(origins.allows("http://localhost:3000")).isTrue();
        assertThat(origins.allows("https://ops.example.org:8443")).isTrue();
    }

    @Test
    void aClientThatIsNotABrowserSendsNoOriginAndIsAllowed() {
        assertThat(origins.allows(null)).isTrue();
    }

    @Test
    void otherSitesAreRefused() {
        assertThat(origins.allows("https://evil.example.net")).isFalse();
        assertThat(origins.allows("https://console.example.com.evil.example.net")).isFalse();
        assertThat(origins.allows("https://console.example.com@evil.example.net")).isFalse();
        assertThat(origins.allows("http://console.example.com")).as("another scheme is another origin").isFalse();
        assertThat(origins.allows("https://console.example.com:8443")).as("another port is another origin").isFalse();
        assertThat(origins.allows("http://localhost:3001")).isFalse();
    }

    @Test
    void opaqueAndUnreadableOriginsAreRefused() {
        assertThat(origins.allows("null")).as("sandboxed pages and files").isFalse();
        assertThat(origins.allows("")).isFalse();
        assertThat(origins.allows("file:///etc/passwd")).isFalse();
        assertThat(origins.allows("chrome-extension://abcdef")).isFalse();
        assertThat(origins.allows("https://console.example.com bad")).isFalse();
        assertThat(origins.allows("https://user@console.example.com")).as("a URL with user info is no origin").isFalse();
    }

    @Test
    void originsAreComparedIgnoringCaseAndDefaultPorts() {
        assertThat(origins.allows("HTTPS://Console.Example.COM")).isTrue();
        assertThat(origins.allows("https://console.example.com:443")).isTrue();
        assertThat(ConsoleOrigins.of("http://127.0.0.1:80", "").allows("http://127.0.0.1")).isTrue();
    }

    @Test
    void withNothingListedOnlyTheConsolesOriginIsAllowed() {
        ConsoleOrigins defaults = ConsoleOrigins.of("http://localhost:8080", null);
        assertThat(defaults.allows("http://localhost:8080")).isTrue();
        assertThat(defaults.allows("http://localhost:3000")).isFalse();
    }

    @Test
    void aSettingThatIsNotAnOriginIsRefusedByName() {
        assertThatThrownBy(() -> ConsoleOrigins.of("http://localhost:8080", "https://ok.example.com, *"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("telemetryflow.console.allowed-origins").hasMessageContaining("'*'");
        assertThatThrownBy(() -> ConsoleOrigins.of("localhost:8080", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("telemetryflow.public-url");
    }
}
