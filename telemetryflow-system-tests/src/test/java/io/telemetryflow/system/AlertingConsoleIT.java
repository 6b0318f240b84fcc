package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.testsupport.ConsoleBrowser;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.SdkTelemetry;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import jakarta.json.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The alerting pages of the console in Debian's headless Chromium against the deployed EAR: a metric rule written in the
 * editor over a gauge the OpenTelemetry SDK sent (its preview drawn, a 400 shown at its field, then saved and listed), an
 * alert that starts firing while the list is open (the live event brings it), acknowledged, and its history timeline, a
 * silence, and a webhook channel whose test send to a refused address shows the server's refusal. Screenshots land in
 * target/console-screenshots; each test fails on errors in the browser console.
 */
class AlertingConsoleIT extends DeployedEar {

    private static final Duration INGESTED = Duration.ofSeconds(60);

    @Test
    void aMetricRuleIsWrittenInTheEditorWithItsPreviewAndAppearsInTheList(TestInfo test) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String metric = "console.alert.queue." + suffix;
        String rule = "Queue too deep " + suffix;
        new SdkTelemetry("console-alerts-" + suffix).sendGauge(metric, 42);

        try (ConsoleBrowser browser = ConsoleBrowser.open(name(test))) {
            browser.signIn(DemoUser.ADMINISTRATOR.email, DemoUser.ADMINISTRATOR.password);
            browser.awaitShell();
            browser.visible(By.cssSelector("[data-nav='/alerts']"));
            // the catalogue is read when the editor opens: reopen it until the gauge has been stored
            browser.reloadUntil(INGESTED, () -> {
                browser.go("/alerts/rules/new");
                browser.type(browser.hook("metric-picker"), metric);
            }, () -> browser.hooks("metric-option").stream().anyMatch(o -> o.getText().contains(metric)));
            browser.hooks("metric-option").stream().filter(o -> o.getText().contains(metric)).findFirst().orElseThrow().click();
            browser.type(browser.hook("rule-name"), rule);
            browser.type(browser.hook("rule-threshold"), "40");
            browser.type(browser.hook("rule-summary"), "Queue depth above 40");

            WebElement summary = browser.hook("preview-summary");
            browser.await(Duration.ofSeconds(30), () -> summary.getText().contains("1 series") ? true : null);
            assertThat(browser.hook("rule-preview").findElements(By.cssSelector("[data-test='preview-chart'] canvas"))).as("the chart").isNotEmpty();
            browser.screenshot("editor-preview");

            // an interval over the server's bound of 24 h (the form takes any duration): the 400 is shown at its field
            browser.type(browser.hook("rule-interval"), "48h");
            browser.hook("rule-save").click();
            assertThat(browser.hook("error-interval").getText()).as("the server's reason at the field").contains("interval");
            assertThat(browser.path()).startsWith("/alerts/rules/new");
            browser.screenshot("editor-field-error");

            browser.type(browser.hook("rule-interval"), "1m");
            browser.hook("rule-save").click();
            browser.awaitPath("/alerts?tab=rules");
            WebElement row = browser.visible(By.cssSelector("[data-test='rule-row'][data-rule='" + rule + "']"));
            assertThat(row.getText()).contains(metric, "> 40");
            browser.screenshot("rules");
            browser.assertNoConsoleErrors("/api/v2/alerts/rules");
        }
    }

    @Test
    void anAlertThatStartsFiringAppearsLiveIsAcknowledgedAndItsHistoryIsDrawn(TestInfo test) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String metric = "console.alert.backlog." + suffix;
        String rule = "Backlog high " + suffix;
        new SdkTelemetry("console-firing-" + suffix).sendGauge(metric, 42);

        try (ConsoleBrowser browser = ConsoleBrowser.open(name(test))) {
            browser.signIn(DemoUser.ADMINISTRATOR.email, DemoUser.ADMINISTRATOR.password);
            browser.awaitShell();
            browser.go("/alerts");
            // subscribed to the tenant's alert events: without them the page would only poll every 30 s
            browser.await(Duration.ofSeconds(20), () -> browser.hook("alert-feed").getText().contains("Live") ? true : null);

            // a rule evaluated every second (the test server's lower bound) that fires at once over the 42 sent
            String body = Json.createObjectBuilder().add("name", rule).add("kind", "metric")
                    .add("query", Json.createObjectBuilder().add("metric", metric).add("aggregation", "avg"))
                    .add("condition", Json.createObjectBuilder().add("operator", "gt").add("threshold", 40).add("reduce", "last")
                            .add("window", "5m").add("pendingFor", "0s"))
                    .add("interval", "1s").add("severity", "critical").add("labels", Json.createObjectBuilder().add("team", "console"))
                    .add("annotations", Json.createObjectBuilder().add("summary", "Backlog above 40")).build().toString();
            HttpResponse<String> created = call("POST", "/alerts/rules", DemoUser.ADMINISTRATOR.login(), body);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

            By row = By.cssSelector("[data-test='alert-row'][data-rule='" + rule + "']");
            WebElement firing = browser.await(INGESTED, () -> browser.driver().findElements(row).stream().findFirst().orElse(null));
            assertThat(firing.getText()).contains("Firing", "critical", "42", "Backlog above 40");
            browser.screenshot("alert-list");

            browser.visible(row).findElement(By.cssSelector("[data-test='alert-ack']")).click();
            browser.await(Duration.ofSeconds(20), () -> !browser.visible(row).findElements(By.cssSelector("[data-test='alert-acked']")).isEmpty() ? true : null);
            assertThat(browser.visible(row).getText()).contains("acknowledged by");

            browser.visible(row).findElement(By.linkText(rule)).click();
            browser.awaitPath("/alerts/rules/");
            browser.awaitText(By.cssSelector("[data-test='history-transitions']"), "Firing");
            assertThat(browser.hook("history-timeline").findElements(By.tagName("canvas"))).as("the timeline").isNotEmpty();
            assertThat(browser.hook("history-firings").getText()).contains("1");
            browser.screenshot("history");
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void aSilenceIsCreatedFromLabelMatchers(TestInfo test) {
        String rule = "Silenced rule " + UUID.randomUUID().toString().substring(0, 8);
        try (ConsoleBrowser browser = ConsoleBrowser.open(name(test))) {
            browser.signIn(DemoUser.ADMINISTRATOR.email, DemoUser.ADMINISTRATOR.password);
            browser.awaitShell();
            browser.visible(By.cssSelector("[data-nav='/alerts/silences']")).click();
            browser.hook("silence-create").click();
            browser.type(browser.hook("silence-matchers"), "alertname=\"" + rule + "\"\nteam=~\"pay.*\"");
            browser.type(browser.hook("silence-comment"), "deploying checkout");
            assertThat(browser.hook("silence-preview").getText()).as("no current alert is named so").contains("Matches none");
            browser.screenshot("silence-form");
            browser.hook("silence-submit").click();
            browser.await(Duration.ofSeconds(20), () -> browser.hooks("silence-row").stream()
                    .anyMatch(r -> r.getText().contains(rule) && r.getText().contains("deploying checkout")) ? true : null);
            browser.screenshot("silences");
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void aWebhookChannelsTestSendToARefusedAddressShowsTheRefusal(TestInfo test) {
        String channel = "Metadata hook " + UUID.randomUUID().toString().substring(0, 8);
        try (ConsoleBrowser browser = ConsoleBrowser.open(name(test))) {
            browser.signIn(DemoUser.ADMINISTRATOR.email, DemoUser.ADMINISTRATOR.password);
            browser.awaitShell();
            browser.visible(By.cssSelector("[data-nav='/alerts/channels']")).click();
            browser.hook("channel-create").click();
            browser.type(browser.hook("channel-name"), channel);
            // the cloud metadata address: refused by the outbound client before any connection
            browser.type(browser.hook("channel-url"), "http://169.254.169.254/latest/meta-data/");
            browser.type(browser.hook("channel-secret"), "webhook-signing-secret");
            browser.hook("channel-submit").click();

            By row = By.cssSelector("[data-test='channel-row'][data-channel='" + channel + "']");
            browser.visible(row).findElement(By.cssSelector("[data-test='channel-test']")).click();
            WebElement result = browser.visible(By.cssSelector("[data-test='channel-row'][data-channel='" + channel + "'] [data-test='channel-test-result']"));
            assertThat(result.getAttribute("class")).contains("refused");
            assertThat(result.getText()).as("the server's reason").matches("(?s)(Not delivered|Refused).*:.+");
            assertThat(browser.visible(row).getText()).as("the secret is never shown").doesNotContain("webhook-signing-secret");
            browser.screenshot("channel-refused");
            browser.assertNoConsoleErrors("/api/v2/notification-channels");
        }
    }

    private static String name(TestInfo test) {
        return test.getTestMethod().orElseThrow().getName();
    }
}
