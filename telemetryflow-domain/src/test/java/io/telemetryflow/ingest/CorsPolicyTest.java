package io.telemetryflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CorsPolicyTest {

    private final CorsPolicy policy = CorsPolicy.of(" https://app.example.com , http://localhost:3000,");

    @Test
    void allowedOriginGetsPreflightAndResponseHeaders() {
        assertThat(policy.preflight("http://localhost:3000")).hasValueSatisfying(headers -> {
            assertThat(headers).containsEntry("Access-Control-Allow-Origin", "http://localhost:3000");
            assertThat(headers.get("Access-Control-Allow-Headers")).contains("X-API-Key-ID", "X-API-Key-Secret", "Content-Encoding");
            assertThat(headers).containsEntry("Access-Control-Allow-Methods", "POST, OPTIONS");
        });
        assertThat(policy.responseHeaders("https://app.example.com")).containsEntry("Access-Control-Allow-Origin", "https://app.example.com");
    }

    @Test
    void otherOriginsAndNoConfigurationGetNothing() {
        assertThat(policy.preflight("https://evil.example.com")).isEmpty();
        assertThat(policy.preflight(null)).isEmpty();
        assertThat(policy.responseHeaders("https://app.example.com.evil.com")).isEmpty();
        assertThat(CorsPolicy.of(null).preflight("http://localhost:3000")).isEmpty();
        assertThat(CorsPolicy.of("").responseHeaders("http://localhost:3000")).isEmpty();
    }
}
