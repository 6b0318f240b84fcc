package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.HTTP;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.TestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web console as the deployed server serves it: its routes answer its index.html (history-mode routing) with a
 * strict Content-Security-Policy and never cached, a missing file stays a 404, and the server's own paths (the API,
 * its documentation, OpenAPI, OTLP) keep their own answers.
 */
class ConsoleServingIT extends DeployedEar {

    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
            + "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theRootAndTheConsolesRoutesAnswerItsPageNeverCached() throws Exception {
        HttpResponse<String> root = send("GET", "/");
        assertConsolePage(root, "/");
        for (String route : new String[] {"/index.html", "/services/anything", "/services/checkout/", "/traces/4bf92f3577b34da6a3ce929d0e0e4736"}) {
            HttpResponse<String> page = send("GET", route);
            assertConsolePage(page, route);
            assertThat(page.body()).as(route).isEqualTo(root.body());
        }
        HttpResponse<String> head = send("HEAD", "/services/anything");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void aMissingFileIsA404AndNotThePage() throws Exception {
        for (String path : new String[] {"/assets/nope.js", "/assets/missing.js", "/favicon-nope.ico", "/services/app.js"}) {
            HttpResponse<String> missing = send("GET", path);
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(missing.headers().firstValue("Cache-Control")).as(path + ": a 404 is not cached for a year")
                    .isNotEqualTo(java.util.Optional.of("public, max-age=31536000, immutable"));
        }
        HttpResponse<String> posted = send("POST", "/services/anything");
        assertThat(posted.statusCode()).as("only reads are routed to the page").isBetween(400, 499);
    }

    @Test
    void theApiAnswersItsOwnProblemsNotThePage() throws Exception {
        HttpResponse<String> unknown = send("GET", "/api/v2/nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(TestEnvironment.json(unknown.body()).getString("detail")).contains("nope");
        assertThat(unknown.headers().firstValue("Content-Security-Policy")).as("left to the API").isEmpty();
        HttpResponse<String> meWithoutToken = send("GET", "/api/v2/auth/me");
        assertThat(meWithoutToken.statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v2/platform/info").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/nope").statusCode()).as("below /api, but no API path: still not the console").isEqualTo(404);
        HttpResponse<String> otlp = send("GET", "/v1/nope");
        assertThat(otlp.statusCode()).isEqualTo(404);
        assertThat(otlp.body()).isNotEqualTo(send("GET", "/").body());
        assertThat(otlp.headers().firstValue("Content-Security-Policy")).as("left to the server").isEmpty();
        assertThat(send("GET", "/openapi").statusCode()).isEqualTo(200);
    }

    @Test
    void theApiDocumentationStillWorks() throws Exception {
        HttpResponse<String> docs = send("GET", "/api/docs/");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(docs.body()).contains("swagger-ui").contains("swagger-init.js");
        assertThat(docs.headers().firstValue("Content-Security-Policy")).hasValue(POLICY);
        assertThat(send("GET", "/api/docs/swagger-init.js").statusCode()).isEqualTo(200);
        Matcher stylesheet = Pattern.compile("href=\"(/webjars/swagger-ui/[^\"]+\\.css)\"").matcher(docs.body());
        assertThat(stylesheet.find()).isTrue();
        assertThat(send("GET", stylesheet.group(1)).statusCode()).isEqualTo(200);
        Matcher script = Pattern.compile("src=\"(/webjars/swagger-ui/[^\"]+\\.js)\"").matcher(docs.body());
        assertThat(script.find()).isTrue();
        assertThat(send("GET", script.group(1)).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/docs/nope").statusCode()).as("no console route below the docs").isEqualTo(404);
    }

    private static void assertConsolePage(HttpResponse<String> page, String path) {
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).as(path).containsIgnoringCase("<html");
        assertThat(page.headers().firstValue("Content-Security-Policy")).as(path).hasValue(POLICY);
        assertThat(page.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
        assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(HTTP + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
