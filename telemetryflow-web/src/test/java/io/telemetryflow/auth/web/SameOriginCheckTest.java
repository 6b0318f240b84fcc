package io.telemetryflow.auth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SameOriginCheckTest {

    /** Behind a proxy that ends TLS: users open https://console.example.com, the node sees http on port 8080. */
    private final SameOriginCheck check = new SameOriginCheck("https://console.example.com/telemetry/");

    @Test
    void theConsolesOwnRequestsPass() {
        assertThat(check.refusal("1", "http://127.0.0.1:8180", "same-origin", "http", "127.0.0.1:8180")).isEmpty();
        assertThat(check.refusal("1", null, null, "http", "127.0.0.1:8180")).as("no Origin: not a browser, or an old one").isEmpty();
        assertThat(check.refusal("1", "https://console.example.com", "same-origin", "http", "node-1:8080"))
                .as("the public URL's origin, though the node sees another").isEmpty();
        assertThat(check.refusal("1", "HTTP://LOCALHOST", null, "http", "localhost:80")).as("case and default ports").isEmpty();
        assertThat(check.refusal("1", "http://[::1]:8080", null, "http", "[::1]:8080")).isEmpty();
    }

    @Test
    void withoutTheHeaderARequestIsRefusedWhateverElseItSends() {
        assertThat(check.refusal(null, "http://127.0.0.1:8180", "same-origin", "http", "127.0.0.1:8180"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("X-TelemetryFlow-CSRF: 1"));
        assertThat(check.refusal("0", null, null, "http", "127.0.0.1:8180")).isPresent();
        assertThat(check.refusal("", null, null, "http", "127.0.0.1:8180")).isPresent();
        assertThat(check.refusal("true", null, null, "http", "127.0.0.1:8180")).isPresent();
    }

    @Test
    void anotherOriginIsRefused() {
        assertThat(check.refusal("1", "https://evil.example.net", null, "http", "127.0.0.1:8180"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("another origin").contains("https://evil.example.net"));
        assertThat(check.refusal("1", "http://127.0.0.1:8181", null, "http", "127.0.0.1:8180")).as("another port").isPresent();
        assertThat(check.refusal("1", "https://127.0.0.1:8180", null, "http", "127.0.0.1:8180")).as("another scheme").isPresent();
        assertThat(check.refusal("1", "http://console.example.com", null, "http", "node-1:8080")).as("the public URL's host, but http")
                .isPresent();
        assertThat(check.refusal("1", "https://sub.console.example.com", null, "http", "node-1:8080")).as("a sibling of the same site")
                .isPresent();
        assertThat(check.refusal("1", "http://127.0.0.1:8180.evil.example.net", null, "http", "127.0.0.1:8180")).isPresent();
    }

    @Test
    void opaqueAndUnreadableOriginsAreRefused() {
        assertThat(check.refusal("1", "null", null, "http", "127.0.0.1:8180")).as("sandboxed pages and files").isPresent();
        assertThat(check.refusal("1", "", null, "http", "127.0.0.1:8180")).isPresent();
        assertThat(check.refusal("1", "file:///", null, "http", "127.0.0.1:8180")).isPresent();
        assertThat(check.refusal("1", "http://user@127.0.0.1:8180", null, "http", "127.0.0.1:8180")).isPresent();
        assertThat(check.refusal("1", "http://127.0.0.1:8180", null, "http", null)).as("no Host to compare with").isPresent();
    }

    @Test
    void aFetchMetadataHeaderMustSaySameOrigin() {
        assertThat(check.refusal("1", null, "same-site", "http", "127.0.0.1:8180"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("Sec-Fetch-Site: same-site"));
        assertThat(check.refusal("1", null, "cross-site", "http", "127.0.0.1:8180")).isPresent();
        assertThat(check.refusal("1", null, "none", "http", "127.0.0.1:8180")).as("typed into the address bar").isPresent();
    }

    @Test
    void whatTheCallerSentIsQuotedBackBounded() {
        String longOrigin = "https://" + "a".repeat(300) + ".example";
        assertThat(check.refusal("1", longOrigin, null, "http", "127.0.0.1:8180"))
                .hasValueSatisfying(reason -> assertThat(reason.length()).isLessThan(200));
    }

    @Test
    void aPublicUrlThatIsNoUrlIsRefusedByName() {
        assertThatThrownBy(() -> new SameOriginCheck("console.example.com")).hasMessageContaining("telemetryflow.public-url");
    }
}
