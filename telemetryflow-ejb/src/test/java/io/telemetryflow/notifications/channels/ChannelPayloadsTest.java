package io.telemetryflow.notifications.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.alerting.AlertSeverity;
import io.telemetryflow.notifications.NotificationMessage;
import io.telemetryflow.platform.outbound.OutboundRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each vendor's request, checked field by field against the vendor's documented format. */
class ChannelPayloadsTest {

    static final UUID RULE = UUID.fromString("5b7f6a1e-0c1d-4e2f-8a9b-0c1d2e3f4a5b");
    static final Instant STARTS = Instant.parse("2026-12-06T20:00:00Z");
    static final Instant NOW = Instant.parse("2026-12-06T20:05:00Z");

    static NotificationMessage message(String status, AlertSeverity severity) {
        Map<String, String> labels = Map.of("host.name", "web-1", "service.name", "checkout");
        return new NotificationMessage("tenant-1", status, "{host.name=\"web-1\"}", RULE, "High CPU <90%> & rising", severity, labels,
                Map.of("summary", "CPU above 90% on web-1", "runbookUrl", "https://runbooks.example/cpu"),
                List.of(new NotificationMessage.Alert("a1b2c3d4e5f60718", labels, status, 0.9731, STARTS,
                        NotificationMessage.RESOLVED.equals(status) ? NOW : null)),
                "https://console.example/alerts/rules/" + RULE, false);
    }

    static ChannelPayloads.Rendered render(ChannelType type, NotificationMessage message) {
        TemplateText templates = TemplateText.compile(null, null, type.escaping());
        Map<String, Object> model = TemplateText.model(message);
        return new ChannelPayloads.Rendered(templates.title(model), templates.plainTitle(model), templates.body(model));
    }

    static ChannelConfig config(ChannelType type, String json) {
        return ChannelConfig.parse(type, read(json), null);
    }

    static JsonObject read(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    static JsonObject body(OutboundRequest request) {
        return read(new String(request.body(), StandardCharsets.UTF_8));
    }

    static OutboundRequest build(ChannelType type, String config, NotificationMessage message) {
        return ChannelPayloads.request(config(type, config), message, render(type, message), NOW);
    }

    @Test
    void slackIncomingWebhookHasFallbackTextAndBlocksWithMarkupEscaped() {
        NotificationMessage firing = message("firing", AlertSeverity.CRITICAL);
        OutboundRequest request = build(ChannelType.SLACK, "{\"webhookUrl\":\"https://hooks.slack.com/services/T0/B0/XYZ\"}", firing);
        assertThat(request.uri().toString()).isEqualTo("https://hooks.slack.com/services/T0/B0/XYZ");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers()).containsEntry("Content-Type", "application/json");
        JsonObject json = body(request);
        assertThat(json.getString("text")).isEqualTo("[FIRING:1] High CPU &lt;90%&gt; &amp; rising (critical)");
        var blocks = json.getJsonArray("blocks");
        assertThat(blocks.getJsonObject(0).getString("type")).isEqualTo("header");
        assertThat(blocks.getJsonObject(0).getJsonObject("text").getString("type")).isEqualTo("plain_text");
        assertThat(blocks.getJsonObject(0).getJsonObject("text").getString("text")).isEqualTo("[FIRING:1] High CPU <90%> & rising (critical)");
        JsonObject section = blocks.getJsonObject(1).getJsonObject("text");
        assertThat(section.getString("type")).isEqualTo("mrkdwn");
        assertThat(section.getString("text")).contains("CPU above 90% on web-1", "Rule: High CPU &lt;90%&gt; &amp; rising",
                "Value: 0.9731", "Labels: host.name=web-1, service.name=checkout", "Runbook: https://runbooks.example/cpu");
        assertThat(blocks.getJsonObject(2).getJsonArray("fields").getJsonObject(0).getString("text")).isEqualTo("*Severity*\ncritical");
        JsonObject button = blocks.getJsonObject(3).getJsonArray("elements").getJsonObject(0);
        assertThat(button.getString("type")).isEqualTo("button");
        assertThat(button.getString("url")).isEqualTo(firing.consoleUrl());
    }

    @Test
    void teamsWorkflowGetsAMessageWithAnAdaptiveCardAttachment() {
        OutboundRequest request = build(ChannelType.TEAMS, "{\"webhookUrl\":\"https://prod.westeurope.logic.azure.com/workflows/1/triggers/manual/paths/invoke?sig=abc\"}",
                message("resolved", AlertSeverity.HIGH));
        assertThat(request.uri().getRawQuery()).isEqualTo("sig=abc");
        JsonObject json = body(request);
        assertThat(json.getString("type")).isEqualTo("message");
        JsonObject attachment = json.getJsonArray("attachments").getJsonObject(0);
        assertThat(attachment.getString("contentType")).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.isNull("contentUrl")).isTrue();
        JsonObject card = attachment.getJsonObject("content");
        assertThat(card.getString("type")).isEqualTo("AdaptiveCard");
        assertThat(card.getString("$schema")).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
        assertThat(card.getString("version")).isEqualTo("1.4");
        JsonObject title = card.getJsonArray("body").getJsonObject(0);
        assertThat(title.getString("type")).isEqualTo("TextBlock");
        assertThat(title.getString("text")).isEqualTo("[RESOLVED] High CPU <90%> & rising (high)");
        assertThat(title.getString("color")).isEqualTo("Good");
        JsonObject facts = card.getJsonArray("body").getJsonObject(2);
        assertThat(facts.getString("type")).isEqualTo("FactSet");
        assertThat(facts.getJsonArray("facts").getJsonObject(2).getString("title")).isEqualTo("host.name");
        assertThat(facts.getJsonArray("facts").getJsonObject(2).getString("value")).isEqualTo("web-1");
        JsonObject action = card.getJsonArray("actions").getJsonObject(0);
        assertThat(action.getString("type")).isEqualTo("Action.OpenUrl");
    }

    @Test
    void pagerDutyTriggersAndResolvesWithTheSameDedupKey() {
        String config = "{\"routingKey\":\"R0UT1NGKEY0123456789abcdefABCDEF\",\"apiUrl\":\"http://127.0.0.1:9/v2/enqueue\"}";
        OutboundRequest trigger = build(ChannelType.PAGERDUTY, config, message("firing", AlertSeverity.HIGH));
        assertThat(trigger.uri().toString()).isEqualTo("http://127.0.0.1:9/v2/enqueue");
        JsonObject event = body(trigger);
        assertThat(event.getString("routing_key")).isEqualTo("R0UT1NGKEY0123456789abcdefABCDEF");
        assertThat(event.getString("event_action")).isEqualTo("trigger");
        assertThat(event.getString("dedup_key")).isEqualTo(RULE + "/{host.name=\"web-1\"}");
        JsonObject payload = event.getJsonObject("payload");
        assertThat(payload.getString("summary")).isEqualTo("[FIRING:1] High CPU <90%> & rising (high)");
        assertThat(payload.getString("severity")).isEqualTo("error");
        assertThat(payload.getString("source")).isEqualTo("TelemetryFlow");
        assertThat(payload.getString("timestamp")).isEqualTo("2026-12-06T20:00:00Z");
        assertThat(payload.getString("component")).isEqualTo("checkout");
        JsonObject details = payload.getJsonObject("custom_details");
        assertThat(details.getJsonObject("labels").getString("host.name")).isEqualTo("web-1");
        assertThat(details.getJsonArray("alerts").getJsonObject(0).getJsonNumber("value").doubleValue()).isEqualTo(0.9731);
        assertThat(event.getString("client")).isEqualTo("TelemetryFlow");
        assertThat(event.getJsonArray("links").getJsonObject(0).getString("href")).startsWith("https://console.example/");

        JsonObject resolve = body(build(ChannelType.PAGERDUTY, config, message("resolved", AlertSeverity.HIGH)));
        assertThat(resolve.getString("event_action")).isEqualTo("resolve");
        assertThat(resolve.getString("dedup_key")).isEqualTo(event.getString("dedup_key"));
        assertThat(resolve.containsKey("payload")).isFalse();

        assertThat(build(ChannelType.PAGERDUTY, "{\"routingKey\":\"k\"}", message("firing", AlertSeverity.LOW)).uri().toString())
                .isEqualTo("https://events.pagerduty.com/v2/enqueue");
    }

    @Test
    void pagerDutySeveritiesAndALongGroupKeyStayWithinTheApi() {
        assertThat(ChannelPayloads.pagerDutySeverity(AlertSeverity.CRITICAL)).isEqualTo("critical");
        assertThat(ChannelPayloads.pagerDutySeverity(AlertSeverity.MEDIUM)).isEqualTo("warning");
        assertThat(ChannelPayloads.pagerDutySeverity(AlertSeverity.INFO)).isEqualTo("info");
        NotificationMessage longGroup = new NotificationMessage("t", "firing", "x".repeat(400), RULE, "r", AlertSeverity.LOW, Map.of(), Map.of(),
                List.of(), null, false);
        assertThat(ChannelPayloads.dedupKey(longGroup, 255)).hasSize(36 + 1 + 64).startsWith(RULE + "/");
    }

    @Test
    void opsgenieCreatesWithAnAliasAndClosesByIt() {
        String config = "{\"apiKey\":\"0a1b2c3d-eu-key\",\"region\":\"EU\"}";
        OutboundRequest create = build(ChannelType.OPSGENIE, config, message("firing", AlertSeverity.CRITICAL));
        assertThat(create.uri().toString()).isEqualTo("https://api.eu.opsgenie.com/v2/alerts");
        assertThat(create.headers()).containsEntry("Authorization", "GenieKey 0a1b2c3d-eu-key");
        JsonObject alert = body(create);
        assertThat(alert.getString("message")).hasSizeLessThanOrEqualTo(130).startsWith("[FIRING:1] High CPU");
        assertThat(alert.getString("alias")).isEqualTo(RULE + "/{host.name=\"web-1\"}");
        assertThat(alert.getString("priority")).isEqualTo("P1");
        assertThat(alert.getString("description")).contains("CPU above 90% on web-1");
        assertThat(alert.getJsonObject("details").getString("service.name")).isEqualTo("checkout");
        assertThat(alert.getJsonArray("tags").getString(1)).isEqualTo("critical");

        OutboundRequest close = build(ChannelType.OPSGENIE, "{\"apiKey\":\"k\",\"apiUrl\":\"http://127.0.0.1:9/\"}", message("resolved", AlertSeverity.CRITICAL));
        assertThat(close.uri().toString()).isEqualTo("http://127.0.0.1:9/v2/alerts/" + RULE
                + "%2F%7Bhost.name%3D%22web-1%22%7D/close?identifierType=alias");
        assertThat(body(close).getString("source")).isEqualTo("TelemetryFlow");
        assertThat(build(ChannelType.OPSGENIE, "{\"apiKey\":\"k\"}", message("firing", AlertSeverity.INFO)).uri().getHost())
                .isEqualTo("api.opsgenie.com");
    }

    @Test
    void telegramSendMessageInHtmlModeWithValuesEscaped() {
        OutboundRequest request = build(ChannelType.TELEGRAM, "{\"botToken\":\"123456:ABC-def_GHI\",\"chatId\":\"-1001234567890\"}",
                message("firing", AlertSeverity.MEDIUM));
        assertThat(request.uri().toString()).isEqualTo("https://api.telegram.org/bot123456:ABC-def_GHI/sendMessage");
        JsonObject json = body(request);
        assertThat(json.getString("chat_id")).isEqualTo("-1001234567890");
        assertThat(json.getString("parse_mode")).isEqualTo("HTML");
        assertThat(json.getString("text")).startsWith("<b>[FIRING:1] High CPU &lt;90%&gt; &amp; rising (medium)</b>\n\n")
                .doesNotContain("<90%>");
        assertThat(json.getJsonObject("link_preview_options").getBoolean("is_disabled")).isTrue();
    }

    @Test
    void telegramTextIsCutToItsLimitOutsideAnEntity() {
        String cut = ChannelPayloads.cutEscaped("a".repeat(95) + "&amp;&amp;", 100);
        assertThat(cut).isEqualTo("a".repeat(95) + "…");
        assertThat(ChannelPayloads.cutEscaped("short", 100)).isEqualTo("short");
    }

    @Test
    void discordWebhookSendsOneEmbedAndAllowsNoMentions() {
        NotificationMessage firing = message("firing", AlertSeverity.HIGH);
        OutboundRequest request = build(ChannelType.DISCORD, "{\"webhookUrl\":\"https://discord.com/api/webhooks/1/tok\"}", firing);
        JsonObject json = body(request);
        assertThat(json.getJsonObject("allowed_mentions").getJsonArray("parse")).isEmpty();
        JsonObject embed = json.getJsonArray("embeds").getJsonObject(0);
        assertThat(embed.getString("title")).isEqualTo("[FIRING:1] High CPU <90%> & rising (high)");
        assertThat(embed.getString("url")).isEqualTo(firing.consoleUrl());
        assertThat(embed.getInt("color")).isEqualTo(0xF2711C);
        assertThat(embed.getString("timestamp")).isEqualTo("2026-12-06T20:00:00Z");
        assertThat(embed.getString("description")).contains("Value: 0.9731", "host.name=web\\-1");
        assertThat(embed.getJsonArray("fields").getJsonObject(0).getString("name")).isEqualTo("Severity");
        assertThat(embed.getJsonArray("fields").getJsonObject(0).getBoolean("inline")).isTrue();
    }

    @Test
    void genericWebhookIsSignedOverTheExactBodySent() {
        String secret = "whsec_0123456789abcdef";
        OutboundRequest request = build(ChannelType.WEBHOOK, "{\"url\":\"https://receiver.example/hook\",\"secret\":\"" + secret + "\"}",
                message("firing", AlertSeverity.LOW));
        String signature = request.headers().get(WebhookSignature.HEADER);
        assertThat(signature).matches("t=" + NOW.getEpochSecond() + ",v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(signature, secret, request.body())).isTrue();
        assertThat(WebhookSignature.verify(signature, "another-secret-000", request.body())).isFalse();
        JsonObject json = body(request);
        assertThat(json.getString("version")).isEqualTo("1");
        assertThat(json.getString("status")).isEqualTo("firing");
        assertThat(json.getString("ruleId")).isEqualTo(RULE.toString());
        assertThat(json.getString("severity")).isEqualTo("low");
        assertThat(json.getJsonObject("commonLabels").getString("host.name")).isEqualTo("web-1");
        assertThat(json.getJsonArray("alerts").getJsonObject(0).getString("fingerprint")).isEqualTo("a1b2c3d4e5f60718");
        assertThat(json.getJsonArray("alerts").getJsonObject(0).isNull("endsAt")).isTrue();
        assertThat(json.getBoolean("test")).isFalse();
    }
}
