package io.telemetryflow.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

    @Test
    void theTokenOfABearerHeaderWhateverTheSchemesCase() {
        assertThat(BearerToken.of("Bearer a.b.c")).contains("a.b.c");
        assertThat(BearerToken.of("bearer  a.b.c ")).contains("a.b.c");
        assertThat(BearerToken.of("BEARER a.b.c")).contains("a.b.c");
    }

    @Test
    void noTokenWithoutABearerHeader() {
        assertThat(BearerToken.of(null)).isEmpty();
        assertThat(BearerToken.of("Basic dXNlcjpwYXNz")).isEmpty();
        assertThat(BearerToken.of("Bearer")).isEmpty();
        assertThat(BearerToken.of("Bearer   ")).isEmpty();
        assertThat(BearerToken.of("Bearera.b.c")).isEmpty();
    }
}
