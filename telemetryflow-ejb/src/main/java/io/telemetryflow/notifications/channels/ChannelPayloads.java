package io.telemetryflow.notifications.channels;

import static io.telemetryflow.platform.json.Jsonp.JSON;

import io.telemetryflow.alerting.AlertSeverity;
import io.telemetryflow.notifications.NotificationMessage;
import io.telemetryflow.platform.outbound.OutboundRequest;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The request each vendor documents for one notification, built with a JSON library (never by concatenating text).
 * Field names and limits follow the vendors' references: Slack incoming webhooks (text + Block Kit blocks), Microsoft
 * Teams workflow webhooks (a message with an Adaptive Card attachment), PagerDuty Events API v2, Opsgenie Alert API
 * (create; close by alias), Telegram Bot API sendMessage (HTML parse mode), Discord execute-webhook (embeds, no
 * mentions), and the platform's own signed webhook.
 */
final class ChannelPayloads {

    static final String OPEN_IN_CONSOLE = "Open in TelemetryFlow";

    /** A notification rendered through the channel's templates. */
    record Rendered(String title, String plainTitle, String body) {
    }

    private ChannelPayloads() {
    }

    /** The request for a webhook-shaped channel (every type but email). */
    static OutboundRequest request(ChannelConfig config, NotificationMessage message, Rendered text, Instant now) {
        switch (config.type()) {
            case SLACK:
                return slack(config, message, text);
            case TEAMS:
                return teams(config, message, text);
            case PAGERDUTY:
                return pagerDuty(config, message, text);
            case OPSGENIE:
                return opsgenie(config, message, text);
            case TELEGRAM:
                return telegram(config, message, text);
            case DISCORD:
                return discord(config, message, text);
            case WEBHOOK:
                return webhook(config, message, text, now);
            default:
                throw new IllegalArgumentException(config.type().wire() + " is not sent over HTTP");
        }
    }

    static OutboundRequest slack(ChannelConfig config, NotificationMessage message, Rendered text) {
        JsonArrayBuilder blocks = JSON.createArrayBuilder()
                .add(JSON.createObjectBuilder().add("type", "header")
                        .add("text", JSON.createObjectBuilder().add("type", "plain_text").add("text", cut(text.plainTitle(), 150)).add("emoji", true)))
                .add(JSON.createObjectBuilder().add("type", "section")
                        .add("text", JSON.createObjectBuilder().add("type", "mrkdwn").add("text", cut(nonEmpty(text.body()), 3000))))
                .add(JSON.createObjectBuilder().add("type", "section").add("fields", JSON.createArrayBuilder()
                        .add(mrkdwn("*Severity*\n" + severity(message)))
                        .add(mrkdwn("*Status*\n" + message.status()))));
        if (linkable(message.consoleUrl())) {
            blocks.add(JSON.createObjectBuilder().add("type", "actions").add("elements", JSON.createArrayBuilder()
                    .add(JSON.createObjectBuilder().add("type", "button")
                            .add("text", JSON.createObjectBuilder().add("type", "plain_text").add("text", OPEN_IN_CONSOLE))
                            .add("url", message.consoleUrl()))));
        }
        JsonObject body = JSON.createObjectBuilder().add("text", cut(text.title(), 3000)).add("blocks", blocks).build();
        return post(config.get("webhookUrl"), body, Map.of());
    }

    static OutboundRequest teams(ChannelConfig config, NotificationMessage message, Rendered text) {
        JsonArrayBuilder facts = JSON.createArrayBuilder()
                .add(fact("Severity", severity(message)))
                .add(fact("Status", message.status()));
        new TreeMap<>(message.commonLabels()).forEach((name, value) -> facts.add(fact(name, value)));
        JsonObjectBuilder card = JSON.createObjectBuilder()
                .add("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .add("type", "AdaptiveCard")
                .add("version", "1.4")
                .add("body", JSON.createArrayBuilder()
                        .add(JSON.createObjectBuilder().add("type", "TextBlock").add("text", text.plainTitle()).add("weight", "Bolder")
                                .add("size", "Medium").add("wrap", true).add("color", message.resolved() ? "Good" : "Attention"))
                        .add(JSON.createObjectBuilder().add("type", "TextBlock").add("text", nonEmpty(text.body())).add("wrap", true))
                        .add(JSON.createObjectBuilder().add("type", "FactSet").add("facts", facts)));
        if (linkable(message.consoleUrl())) {
            card.add("actions", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                    .add("type", "Action.OpenUrl").add("title", OPEN_IN_CONSOLE).add("url", message.consoleUrl())));
        }
        JsonObject body = JSON.createObjectBuilder()
                .add("type", "message")
                .add("attachments", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                        .add("contentType", "application/vnd.microsoft.card.adaptive")
                        .addNull("contentUrl")
                        .add("content", card)))
                .build();
        return post(config.get("webhookUrl"), body, Map.of());
    }

    /** Events API v2: trigger while the group fires, resolve when it resolved; the same dedup key for both. */
    static OutboundRequest pagerDuty(ChannelConfig config, NotificationMessage message, Rendered text) {
        JsonObjectBuilder event = JSON.createObjectBuilder()
                .add("routing_key", config.get("routingKey"))
                .add("event_action", message.resolved() ? "resolve" : "trigger")
                .add("dedup_key", dedupKey(message, 255));
        if (!message.resolved()) {
            JsonObjectBuilder details = JSON.createObjectBuilder()
                    .add("rule", nonNull(message.ruleName()))
                    .add("severity", severity(message))
                    .add("status", message.status())
                    .add("body", text.body())
                    .add("labels", stringMap(message.commonLabels()))
                    .add("annotations", stringMap(message.annotations()))
                    .add("alerts", alerts(message));
            JsonObjectBuilder payload = JSON.createObjectBuilder()
                    .add("summary", cut(text.plainTitle(), 1024))
                    .add("source", config.optional("source").orElse("TelemetryFlow"))
                    .add("severity", pagerDutySeverity(message.severity()))
                    .add("custom_details", details);
            firstStart(message).ifPresent(at -> payload.add("timestamp", at.toString()));
            String service = message.commonLabels().get("service.name");
            if (service != null) {
                payload.add("component", service);
            }
            event.add("payload", payload).add("client", "TelemetryFlow");
            if (linkable(message.consoleUrl())) {
                event.add("client_url", message.consoleUrl())
                        .add("links", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                                .add("href", message.consoleUrl()).add("text", OPEN_IN_CONSOLE)));
            }
        }
        return post(config.optional("apiUrl").orElse(ChannelConfig.PAGERDUTY_URL), event.build(), Map.of());
    }

    /** Alert API: create with an alias while the group fires; close by that alias when it resolved. */
    static OutboundRequest opsgenie(ChannelConfig config, NotificationMessage message, Rendered text) {
        String base = config.optional("apiUrl")
                .orElse("eu".equals(config.get("region")) ? ChannelConfig.OPSGENIE_EU : ChannelConfig.OPSGENIE_US)
                .replaceAll("/+$", "");
        Map<String, String> auth = Map.of("Authorization", "GenieKey " + config.get("apiKey"));
        String alias = dedupKey(message, 512);
        if (message.resolved()) {
            JsonObject close = JSON.createObjectBuilder().add("source", "TelemetryFlow").add("note", cut(text.plainTitle(), 25000)).build();
            return post(base + "/v2/alerts/" + URLEncoder.encode(alias, StandardCharsets.UTF_8).replace("+", "%20")
                    + "/close?identifierType=alias", close, auth);
        }
        JsonObjectBuilder create = JSON.createObjectBuilder()
                .add("message", cut(text.plainTitle(), 130))
                .add("alias", alias)
                .add("description", cut(text.body(), 15000))
                .add("priority", opsgeniePriority(message.severity()))
                .add("tags", JSON.createArrayBuilder().add("telemetryflow").add(severity(message)))
                .add("details", stringMap(message.commonLabels()))
                .add("entity", cut(nonNull(message.ruleName()), 512))
                .add("source", "TelemetryFlow");
        return post(base + "/v2/alerts", create.build(), auth);
    }

    /** Bot API sendMessage in HTML parse mode: the title bold, values already HTML-escaped by the templates. */
    static OutboundRequest telegram(ChannelConfig config, NotificationMessage message, Rendered text) {
        String base = config.optional("apiUrl").orElse(ChannelConfig.TELEGRAM_URL).replaceAll("/+$", "");
        String title = cutEscaped(text.title(), 500);
        String html = "<b>" + title + "</b>\n\n" + cutEscaped(text.body(), 4096 - title.length() - 9);
        JsonObject body = JSON.createObjectBuilder()
                .add("chat_id", config.get("chatId"))
                .add("text", html)
                .add("parse_mode", "HTML")
                .add("link_preview_options", JSON.createObjectBuilder().add("is_disabled", true))
                .build();
        return post(base + "/bot" + config.get("botToken") + "/sendMessage", body, Map.of());
    }

    /** Execute-webhook with one embed; allowed_mentions empty, so no label value can ping @everyone. */
    static OutboundRequest discord(ChannelConfig config, NotificationMessage message, Rendered text) {
        JsonArrayBuilder fields = JSON.createArrayBuilder()
                .add(field("Severity", severity(message), true))
                .add(field("Status", message.status(), true));
        int count = 2;
        for (Map.Entry<String, String> label : new TreeMap<>(message.commonLabels()).entrySet()) {
            if (count++ >= 25) {
                break;
            }
            fields.add(field(label.getKey(), label.getValue(), true));
        }
        JsonObjectBuilder embed = JSON.createObjectBuilder()
                .add("title", cut(text.plainTitle(), 256))
                .add("description", cut(nonEmpty(text.body()), 4096))
                .add("color", message.resolved() ? 0x2EB67D : discordColor(message.severity()))
                .add("fields", fields);
        if (linkable(message.consoleUrl())) {
            embed.add("url", message.consoleUrl());
        }
        firstStart(message).ifPresent(at -> embed.add("timestamp", at.toString()));
        JsonObject body = JSON.createObjectBuilder()
                .add("username", "TelemetryFlow")
                .add("embeds", JSON.createArrayBuilder().add(embed))
                .add("allowed_mentions", JSON.createObjectBuilder().add("parse", JSON.createArrayBuilder()))
                .build();
        return post(config.get("webhookUrl"), body, Map.of());
    }

    /** The platform's own JSON, signed with the channel's secret (see {@link WebhookSignature}). */
    static OutboundRequest webhook(ChannelConfig config, NotificationMessage message, Rendered text, Instant now) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("version", "1")
                .add("status", message.status())
                .add("test", message.test())
                .add("tenantId", nonNull(message.tenantId()))
                .add("groupKey", nonNull(message.groupKey()))
                .add("ruleId", message.ruleId() == null ? "" : message.ruleId().toString())
                .add("ruleName", nonNull(message.ruleName()))
                .add("severity", severity(message))
                .add("title", text.plainTitle())
                .add("body", text.body())
                .add("commonLabels", stringMap(message.commonLabels()))
                .add("annotations", stringMap(message.annotations()))
                .add("alerts", alerts(message))
                .add("sentAt", now.toString());
        if (message.consoleUrl() != null) {
            json.add("consoleUrl", message.consoleUrl());
        }
        byte[] body = json.build().toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(WebhookSignature.HEADER, WebhookSignature.header(config.get("secret"), now.getEpochSecond(), body));
        return new OutboundRequest("POST", URI.create(config.get("url")), headers, body);
    }

    /** Rule and group: the same for a group's trigger and its resolve; hashed when it would be over the vendor's limit. */
    static String dedupKey(NotificationMessage message, int max) {
        String rule = message.ruleId() == null ? "" : message.ruleId().toString();
        String key = rule + "/" + nonNull(message.groupKey());
        if (key.length() <= max) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(nonNull(message.groupKey()).getBytes(StandardCharsets.UTF_8));
            return rule + "/" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    static String pagerDutySeverity(AlertSeverity severity) {
        if (severity == null) {
            return "warning";
        }
        switch (severity) {
            case CRITICAL:
                return "critical";
            case HIGH:
                return "error";
            case MEDIUM:
                return "warning";
            default:
                return "info";
        }
    }

    static String opsgeniePriority(AlertSeverity severity) {
        return severity == null ? "P3" : "P" + (severity.ordinal() + 1);
    }

    private static int discordColor(AlertSeverity severity) {
        if (severity == null) {
            return 0xECB22E;
        }
        switch (severity) {
            case CRITICAL:
                return 0xE01E5A;
            case HIGH:
                return 0xF2711C;
            case MEDIUM:
                return 0xECB22E;
            default:
                return 0x36C5F0;
        }
    }

    private static JsonArrayBuilder alerts(NotificationMessage message) {
        JsonArrayBuilder alerts = JSON.createArrayBuilder();
        for (NotificationMessage.Alert alert : message.alerts()) {
            JsonObjectBuilder one = JSON.createObjectBuilder()
                    .add("fingerprint", nonNull(alert.fingerprint()))
                    .add("state", nonNull(alert.state()))
                    .add("labels", stringMap(alert.labels()));
            if (alert.value() != null && Double.isFinite(alert.value())) {
                one.add("value", alert.value());
            } else {
                one.addNull("value");
            }
            time(one, "startsAt", alert.startsAt());
            time(one, "endsAt", alert.endsAt());
            alerts.add(one);
        }
        return alerts;
    }

    private static void time(JsonObjectBuilder json, String name, Instant at) {
        if (at == null) {
            json.addNull(name);
        } else {
            json.add(name, at.toString());
        }
    }

    private static java.util.Optional<Instant> firstStart(NotificationMessage message) {
        return message.alerts().stream().map(NotificationMessage.Alert::startsAt).filter(java.util.Objects::nonNull).min(Instant::compareTo);
    }

    private static JsonObjectBuilder stringMap(Map<String, String> map) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        new TreeMap<>(map).forEach((name, value) -> json.add(name, nonNull(value)));
        return json;
    }

    private static JsonObjectBuilder mrkdwn(String text) {
        return JSON.createObjectBuilder().add("type", "mrkdwn").add("text", cut(text, 2000));
    }

    private static JsonObjectBuilder fact(String title, String value) {
        return JSON.createObjectBuilder().add("title", title).add("value", nonNull(value));
    }

    private static JsonObjectBuilder field(String name, String value, boolean inline) {
        return JSON.createObjectBuilder().add("name", cut(nonEmpty(name), 256)).add("value", cut(nonEmpty(value), 1024)).add("inline", inline);
    }

    private static String severity(NotificationMessage message) {
        return message.severity() == null ? "" : message.severity().wire();
    }

    private static boolean linkable(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://"));
    }

    private static OutboundRequest post(String url, JsonObject body, Map<String, String> headers) {
        return OutboundRequest.postJson(URI.create(url), body.toString(), headers);
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

    /** Vendors refuse empty texts (Slack sections, Discord fields): a dash stands in. */
    private static String nonEmpty(String text) {
        return text == null || text.isBlank() ? "-" : text;
    }

    /** At most {@code max} characters (an ellipsis marks a cut), never splitting a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** As {@link #cut}, for HTML-escaped text: never ends inside an entity such as {@code &amp;}. */
    static String cutEscaped(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        String cut = cut(text, max);
        int amp = cut.lastIndexOf('&');
        if (amp >= 0 && cut.indexOf(';', amp) < 0) {
            cut = cut.substring(0, amp) + "…";
        }
        return cut;
    }
}
