package io.telemetryflow.notifications.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.alerting.AlertSeverity;
import io.telemetryflow.notifications.NotificationMessage;
import io.telemetryflow.platform.error.Rejected;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateTextTest {

    private final NotificationMessage firing = ChannelPayloadsTest.message("firing", AlertSeverity.CRITICAL);

    @Test
    void defaultsShowRuleSeverityStatusValueLabelsAnnotationsAndTheConsoleLink() {
        TemplateText text = TemplateText.compile(null, null, TemplateText.Escaping.NONE);
        Map<String, Object> model = TemplateText.model(firing);
        assertThat(text.title(model)).isEqualTo("[FIRING:1] High CPU <90%> & rising (critical)");
        assertThat(text.body(model)).isEqualTo("""
                CPU above 90% on web-1

                Rule: High CPU <90%> & rising
                Severity: critical
                Status: firing
                Value: 0.9731
                Labels: host.name=web-1, service.name=checkout
                - firing host.name=web-1, service.name=checkout value 0.9731 since 2026-12-06T20:00:00Z
                Runbook: https://runbooks.example/cpu
                Open in TelemetryFlow: https://console.example/alerts/rules/5b7f6a1e-0c1d-4e2f-8a9b-0c1d2e3f4a5b""");
    }

    @Test
    void aResolvedTestMessageSaysSo() {
        NotificationMessage resolved = new NotificationMessage("t", "resolved", "g", null, "Disk", AlertSeverity.LOW, Map.of(), Map.of(),
                List.of(), null, true);
        assertThat(TemplateText.compile(null, null, TemplateText.Escaping.NONE).title(TemplateText.model(resolved)))
                .isEqualTo("[TEST] [RESOLVED] Disk (low)");
    }

    @Test
    void aChannelsOwnTemplatesSeeTheSameModel() {
        TemplateText text = TemplateText.compile("{{severityUpper}}: {{ruleName}}",
                "{{#labels}}{{name}}={{value}};{{/labels}} {{#alerts}}{{fingerprint}}{{/alerts}}", TemplateText.Escaping.NONE);
        Map<String, Object> model = TemplateText.model(firing);
        assertThat(text.title(model)).isEqualTo("CRITICAL: High CPU <90%> & rising");
        assertThat(text.body(model)).isEqualTo("host.name=web-1;service.name=checkout; a1b2c3d4e5f60718");
    }

    @Test
    void valuesAreEscapedForTheTargetButTheTemplateTextIsNot() {
        Map<String, Object> model = TemplateText.model(firing);
        assertThat(TemplateText.compile("<b>{{ruleName}}</b>", null, TemplateText.Escaping.HTML).title(model))
                .isEqualTo("<b>High CPU &lt;90%&gt; &amp; rising</b>");
        assertThat(TemplateText.compile("*{{ruleName}}*", null, TemplateText.Escaping.SLACK).title(model))
                .isEqualTo("*High CPU &lt;90%&gt; &amp; rising*");
        assertThat(TemplateText.escape("a*b_c`d", TemplateText.Escaping.MARKDOWN)).isEqualTo("a\\*b\\_c\\`d");
        assertThat(TemplateText.compile("{{ruleName}}", null, TemplateText.Escaping.HTML).plainTitle(model))
                .isEqualTo("High CPU <90%> & rising");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{#firing}}unclosed", "{{> /etc/passwd}}", "{{{ruleName}}}", "{{& ruleName}}", "{{=<% %>=}}", "{{/firing}}"})
    void aBadOrUnsafeTemplateIsA400NamingIt(String template) {
        assertThatThrownBy(() -> TemplateText.compile(null, template, TemplateText.Escaping.NONE))
                .isInstanceOfSatisfying(Rejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(Rejected.Reason.INVALID);
                    assertThat(e.field()).isEqualTo("templates.body");
                });
        assertThatThrownBy(() -> TemplateText.compile(template, null, TemplateText.Escaping.NONE))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.field()).isEqualTo("templates.title"));
    }

    @Test
    void templatesCannotReachBeyondTheModel() {
        TemplateText text = TemplateText.compile("{{ruleName.class}}{{ruleName.bytes}}{{status.getClass.name}}{{labels.clear}}{{labels.size}}x", null, TemplateText.Escaping.NONE);
        assertThat(text.title(TemplateText.model(firing))).isEqualTo("x");
    }

    @Test
    void tooLongTemplatesAreRefused() {
        assertThatThrownBy(() -> TemplateText.compile("x".repeat(TemplateText.MAX_TITLE + 1), null, TemplateText.Escaping.NONE))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.field()).isEqualTo("templates.title"));
    }

    @Test
    void numbersReadAsPeopleWriteThem() {
        assertThat(TemplateText.number(0.5)).isEqualTo("0.5");
        assertThat(TemplateText.number(1234567.0)).isEqualTo("1234567");
        assertThat(TemplateText.number(1e-9)).isEqualTo("0");
        assertThat(TemplateText.number(null)).isNull();
    }
}
