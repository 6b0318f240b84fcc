package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.ConsoleBrowser;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.SdkTelemetry;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import io.telemetryflow.testsupport.TestUsers;
import io.telemetryflow.testsupport.Totp;
import jakarta.json.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console in Debian's headless Chromium against the deployed EAR, with telemetry sent by the OpenTelemetry SDK:
 * the flows a person uses every day. Each test saves screenshots (target/console-screenshots) and fails on errors in the
 * browser console.
 */
class ConsoleIT extends DeployedEar {

    private static final Duration INGESTED = Duration.ofSeconds(60);

    @Test
    void signInLandsOnTheServicesOverviewAndSignOutEndsTheSession(TestInfo test) {
        try (ConsoleBrowser browser = ConsoleBrowser.open(name(test))) {
            browser.go("/logs?q=timeout");
            browser.awaitPath("/sign-in");
            browser.screenshot("sign-in");
            browser.signInHere(DemoUser.ADMINISTRATOR.email, DemoUser.ADMINISTRATOR.password);
            browser.awaitShell();
            assertThat(browser.path()).as("back where the user was going").isEqualTo("/logs?q=timeout");

            Map<String, Object> refresh = browser.cookie("tf_refresh").orElseThrow(() -> new AssertionError("no refresh cookie"));
            assertThat(refresh).containsEntry("httpOnly", true).containsEntry("sameSite", "Strict")
                    .containsEntry("path", "/api/v2/auth/session");
            assertThat((Boolean) browser.script("return document.cookie.includes('tf_refresh')")).as("invisible to scripts").isFalse();

            browser.go("/services");
            browser.awaitShell();
            assertThat(browser.hooks("user-menu").get(0).getText()).contains("Admin TelemetryFlow");
            browser.driver().navigate().refresh();
            browser.awaitShell();
            assertThat(browser.path()).as("a reload keeps the session (refresh cookie)").startsWith("/services");
            browser.screenshot("services");

            browser.hook("user-menu").click();
            browser.hook("sign-out").click();
            browser.awaitPath("/sign-in");
            browser.go("/services");
            browser.awaitPath("/sign-in");
            browser.screenshot("signed-out");
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void signInWithMfaAsksForTheSecondFactor(TestInfo test) throws Exception {
        String email = "console-mfa-" + UUID.randomUUID() + "@example.com";
        String password = "Console-Mfa-Pass-2026";
        TestUsers.insertActive(email, password, "Mara", "Factor");
        String access = TestEnvironment.login(email, password);
        String secret = json(call("POST", "/auth/mfa/enroll", access, null).body()).getString("secret");
        HttpResponse<String> confirmed = call("POST", "/auth/mfa/confirm", access,
                Json.createObjectBuilder().add("code", Totp.at(secret, Instant.now())).build().toString());
        assertThat(confirmed.statusCode()).isEqualTo(200);

        try (ConsoleBrowser browser = ConsoleBrowser.open(name(test))) {
            browser.signIn(email, password);
            WebElement code = browser.visible(By.name("code"));
            browser.screenshot("mfa-step");
            browser.type(code, wrongCode(secret));
            browser.hook("mfa-form").submit();
            assertThat(browser.hook("sign-in-error").getText()).as("a wrong code is refused with a reason").isNotBlank();

            browser.type(browser.visible(By.name("code")), Totp.at(secret, Instant.now().plusSeconds(30)));
            browser.hook("mfa-form").submit();
            browser.awaitShell();
            assertThat(browser.hooks("user-menu").get(0).getText()).contains("Mara Factor");
            browser.screenshot("signed-in");
            browser.assertNoConsoleErrors("validate-mfa");
        }
    }

    @Test
    void aServiceSentWithTheSdkAppearsOnTheOverviewAndItsTraceOpensAsAWaterfall(TestInfo test) throws Exception {
        String service = "console-shop-" + UUID.randomUUID().toString().substring(0, 8);
        String traceId = new SdkTelemetry(service).sendTrace("GET /checkout");

        try (ConsoleBrowser browser = ConsoleBrowser.open(name(test))) {
            browser.signIn(DemoUser.ADMINISTRATOR.email, DemoUser.ADMINISTRATOR.password);
            browser.awaitShell();
            By row = By.cssSelector("[data-test='service-row'][data-service='" + service + "']");
            browser.reloadUntil(INGESTED, () -> browser.hook("reload").click(), () -> !browser.driver().findElements(row).isEmpty());
            browser.screenshot("overview");

            browser.go("/traces?service=" + service);
            browser.visible(By.cssSelector("[data-test='trace-row'][data-trace-id='" + traceId + "']")).click();
            browser.awaitPath("/traces/" + traceId);
            browser.hook("waterfall");
            List<WebElement> spans = browser.hooks("span-row");
            assertThat(spans).hasSize(3);
            assertThat(browser.hook("waterfall").getText()).contains("GET /checkout", "SELECT orders", "charge card");
            spans.stream().filter(span -> span.getText().contains("charge card")).findFirst().orElseThrow().click();
            assertThat(browser.hook("span-detail").getText()).contains("card declined", "declined", "insufficient funds");
            browser.screenshot("waterfall");
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void aLogIsFoundByATermAndTheLiveTailShowsOneSentAfterSubscribing(TestInfo test) throws Exception {
        String service = "console-logs-" + UUID.randomUUID().toString().substring(0, 8);
        String term = "zebra" + UUID.randomUUID().toString().substring(0, 8);
        SdkTelemetry telemetry = new SdkTelemetry(service);
        telemetry.sendLog("payment gateway timeout " + term);

        try (ConsoleBrowser browser = ConsoleBrowser.open(name(test))) {
            browser.signIn(DemoUser.ADMINISTRATOR.email, DemoUser.ADMINISTRATOR.password);
            browser.awaitShell();
            browser.reloadUntil(INGESTED, () -> browser.go("/logs?q=" + term), () -> !browser.hooks("log-row").isEmpty());
            assertThat(browser.hooks("log-row")).hasSize(1);
            assertThat(browser.hooks("log-row").get(0).getText()).contains(term);
            browser.screenshot("found");

            String live = "live" + UUID.randomUUID().toString().substring(0, 8);
            browser.go("/logs?service=" + service);
            browser.hook("live-tail-toggle").click();
            browser.visible(By.cssSelector("[data-test='live-status'].live-live"));
            telemetry.sendLog("arrived while tailing " + live);
            browser.await(INGESTED, () -> browser.hooks("live-row").stream().anyMatch(r -> r.getText().contains(live)) ? true : null);
            browser.screenshot("live-tail");
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void theServiceMapShowsACallBetweenTwoServicesAndTheMetricsExplorerChartsASentGauge(TestInfo test) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String caller = "console-web-" + suffix;
        String callee = "console-stock-" + suffix;
        String metric = "console.queue.depth." + suffix;
        SdkTelemetry telemetry = new SdkTelemetry(caller);
        telemetry.sendCallTo(callee, "GET /stock");
        telemetry.sendGauge(metric, 42);

        try (ConsoleBrowser browser = ConsoleBrowser.open(name(test))) {
            browser.signIn(DemoUser.ADMINISTRATOR.email, DemoUser.ADMINISTRATOR.password);
            browser.awaitShell();
            browser.reloadUntil(INGESTED, () -> browser.go("/service-map?q=" + caller),
                    () -> browser.hooks("service-map-edges").stream().anyMatch(t -> t.getText().contains(callee)));
            browser.screenshot("service-map");

            browser.reloadUntil(INGESTED, () -> browser.go("/metrics?metric=" + metric),
                    () -> browser.hooks("metric-series").stream().anyMatch(t -> t.getText().contains("42")));
            assertThat(browser.hook("metric-chart").getText()).doesNotContain("No data");
            browser.screenshot("metrics");
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void anApiKeyIsCreatedAndItsSecretIsShownOnce(TestInfo test) {
        String name = "console key " + UUID.randomUUID().toString().substring(0, 8);
        try (ConsoleBrowser browser = ConsoleBrowser.open(name(test))) {
            browser.signIn(DemoUser.ADMINISTRATOR.email, DemoUser.ADMINISTRATOR.password);
            browser.awaitShell();
            browser.hook("user-menu");
            browser.visible(By.cssSelector("[data-nav='/admin/api-keys']")).click();
            browser.hook("api-key-create").click();
            browser.type(browser.hook("api-key-name"), name);
            browser.hook("api-key-submit").click();
            String secret = browser.hook("api-key-secret").getText().strip();
            assertThat(secret).as("the secret, shown once").hasSizeGreaterThan(20);
            browser.screenshot("secret-shown");

            browser.driver().navigate().refresh();
            browser.awaitShell();
            browser.await(Duration.ofSeconds(20), () -> browser.hooks("api-key-row").stream().anyMatch(r -> r.getText().contains(name)) ? true : null);
            assertThat(browser.driver().getPageSource()).as("not shown again").doesNotContain(secret);
            browser.screenshot("listed");
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void aViewerIsOfferedNoAdministrationAndADirectUrlShowsTheForbiddenState(TestInfo test) {
        try (ConsoleBrowser browser = ConsoleBrowser.open(name(test))) {
            browser.signIn(DemoUser.VIEWER.email, DemoUser.VIEWER.password);
            browser.awaitShell();
            assertThat(browser.driver().findElements(By.cssSelector("[data-nav^='/admin']"))).as("no administration pages offered").isEmpty();
            assertThat(browser.driver().findElements(By.cssSelector("[data-nav='/services']"))).isNotEmpty();

            browser.go("/admin/users");
            WebElement forbidden = browser.state("forbidden");
            assertThat(forbidden.getText()).contains("403", "users:read");
            browser.screenshot("forbidden");
            browser.assertNoConsoleErrors();
        }
    }

    /** A code the authenticator shows in none of the steps the server accepts around now. */
    private static String wrongCode(String secret) throws Exception {
        List<String> near = List.of(Totp.at(secret, Instant.now().minusSeconds(30)), Totp.at(secret, Instant.now()),
                Totp.at(secret, Instant.now().plusSeconds(30)), Totp.at(secret, Instant.now().plusSeconds(60)));
        return near.contains("000000") ? "111111" : "000000";
    }

    private static String name(TestInfo test) {
        return test.getTestMethod().orElseThrow().getName();
    }
}
