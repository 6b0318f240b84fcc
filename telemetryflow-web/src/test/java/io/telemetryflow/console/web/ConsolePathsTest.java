package io.telemetryflow.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.console.web.ConsolePaths.Plan;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsolePathsTest {

    /** The files of a deployed console and the documentation, and the folders they are in. */
    private static final Set<String> FILES = Set.of("/index.html", "/assets", "/assets/", "/assets/index-3f2a9c1b.js",
            "/api/docs/index.html", "/api/docs/swagger-init.js");

    private static Plan plan(String method, String path) {
        return ConsolePaths.plan(method, path, FILES::contains);
    }

    @Test
    void theServersOwnPathsAreLeftAlone() {
        for (String path : new String[] {"/api", "/api/v2/auth/login", "/api/v2/nope", "/api/v2/otlp/traces", "/api/other", "/openapi",
                "/openapi/x", "/ws/telemetry", "/v1/traces", "/v1/unknown"}) {
            assertThat(plan("GET", path).untouched()).as(path).isTrue();
        }
    }

    @Test
    void pathsThatOnlyBeginLikeTheServersAreTheConsoles() {
        // /metrics is the console's metrics explorer: health and the server's metrics live on the management port
        for (String path : new String[] {"/apis", "/openapis", "/v1x", "/wsx", "/metrics", "/health"}) {
            Plan plan = plan("GET", path);
            assertThat(plan.untouched()).as(path).isFalse();
            assertThat(plan.toIndex()).as(path).isTrue();
        }
    }

    @Test
    void aRouteOfTheConsoleIsAnsweredWithItsIndexNeverCached() {
        for (String path : new String[] {"/services", "/services/anything", "/services/checkout/", "/traces/4bf92f3577b34da6a3ce929d0e0e4736",
                "/logs/search"}) {
            Plan plan = plan("GET", path);
            assertThat(plan.toIndex()).as(path).isTrue();
            assertThat(plan.cacheControl()).as(path).isEqualTo(ConsolePaths.NO_STORE);
            assertThat(plan.contentSecurityPolicy()).as(path).isEqualTo(ConsolePaths.CONTENT_SECURITY_POLICY);
        }
        assertThat(plan("HEAD", "/services/anything").toIndex()).isTrue();
    }

    @Test
    void onlyReadsAreRouted() {
        for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS"}) {
            Plan plan = plan(method, "/services/anything");
            assertThat(plan.toIndex()).as(method).isFalse();
            assertThat(plan.untouched()).as(method).isFalse();
        }
    }

    @Test
    void whatLooksLikeAFileIsNeverRoutedSoItsAbsenceIsA404() {
        for (String path : new String[] {"/favicon.ico", "/robots.txt", "/services/app.js", "/assets/missing.js", "/assets/nope.js"}) {
            assertThat(plan("GET", path).toIndex()).as(path).isFalse();
        }
    }

    @Test
    void theIndexIsNeverCached() {
        for (String path : new String[] {"", "/", "/index.html"}) {
            Plan plan = plan("GET", path);
            assertThat(plan.toIndex()).as(path).isFalse();
            assertThat(plan.cacheControl()).as(path).isEqualTo(ConsolePaths.NO_STORE);
            assertThat(plan.contentSecurityPolicy()).as(path).isEqualTo(ConsolePaths.CONTENT_SECURITY_POLICY);
        }
    }

    @Test
    void hashedAssetsAreCachedForGoodButAMissingOneIsNot() {
        Plan present = plan("GET", "/assets/index-3f2a9c1b.js");
        assertThat(present.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(present.toIndex()).isFalse();
        assertThat(present.contentSecurityPolicy()).isEqualTo(ConsolePaths.CONTENT_SECURITY_POLICY);
        Plan missing = plan("GET", "/assets/missing.js");
        assertThat(missing.cacheControl()).isEqualTo(ConsolePaths.NO_STORE);
        assertThat(missing.toIndex()).isFalse();
        assertThat(plan("GET", "/assets/chunks/nested").toIndex()).as("no route below /assets").isFalse();
    }

    @Test
    void theApiDocumentationKeepsItsPagesWithTheSamePolicy() {
        for (String path : new String[] {"/api/docs", "/api/docs/", "/api/docs/swagger-init.js", "/api/docs/nope",
                "/webjars/swagger-ui/5.32.6/swagger-ui.css"}) {
            Plan plan = plan("GET", path);
            assertThat(plan.untouched()).as(path).isFalse();
            assertThat(plan.toIndex()).as(path).isFalse();
            assertThat(plan.cacheControl()).as(path).isNull();
            assertThat(plan.contentSecurityPolicy()).as(path).isEqualTo(ConsolePaths.CONTENT_SECURITY_POLICY);
        }
    }

    @Test
    void aPathWithAFileOfTheApplicationIsServedAsItIs() {
        assertThat(ConsolePaths.plan("GET", "/reports", Set.of("/reports")::contains).toIndex()).isFalse();
    }

    @Test
    void thePolicyIsTheStrictOne() {
        assertThat(ConsolePaths.CONTENT_SECURITY_POLICY).isEqualTo("default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
                + "img-src 'self' data:; font-src 'self'; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors 'none'");
    }
}
